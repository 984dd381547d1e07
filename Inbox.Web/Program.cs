using System.Globalization;
using Inbox.Web;
using Inbox.Web.Cli;

// Work no person asked for (webhook workers, timers, command-line verbs) writes English, whatever the server's own
// language; each request and circuit takes its person's language from the localization middleware.
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;

if (CommandLine.IsVerb(args))
{
    return await CommandLine.RunAsync(args, Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddInboxServices();
var app = builder.Build();
app.UseInboxPipeline();
await app.PrepareAsync(app.Lifetime.ApplicationStopping);
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
