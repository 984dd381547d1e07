using Inbox.Web;
using Inbox.Web.Cli;

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
