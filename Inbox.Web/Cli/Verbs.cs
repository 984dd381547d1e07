using Inbox.Core;
using Inbox.Core.ApiTokens;
using Inbox.Core.Storage;
using Inbox.Core.Users;

namespace Inbox.Web.Cli;

internal sealed class Verbs(IServiceProvider services, TextReader input, TextWriter output)
{
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        // DatabaseStartup.MigrateAsync has already run; report where the schema stands.
        var versions = await services.GetRequiredService<Migrator>().AppliedVersionsAsync(cancellationToken);
        var database = services.GetRequiredService<Database>();
        await output.WriteLineAsync($"{database.DataSource}: schema version {(versions.Count == 0 ? 0 : versions[^1])} ({versions.Count} migrations applied)");
        return 0;
    }

    public async Task<int> AddUserAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        var email = args.Required("email");
        var name = args.Required("name");
        if (!Enum.TryParse<UserRole>(args.Required("role"), ignoreCase: true, out var role) || !Enum.IsDefined(role))
        {
            throw new UserInputException($"Role '{args.Options["role"]}' is not one of {string.Join(", ", Enum.GetNames<UserRole>())}.");
        }
        var password = await ReadSecretAsync("Password: ", cancellationToken);
        var user = await services.GetRequiredService<UserStore>().AddAsync(email, name, role, password, cancellationToken);
        await services.GetRequiredService<Inbox.Core.Audit.AuditLog>().RecordAsync(null, Inbox.Core.Audit.AuditLog.Users, $"Added {user.DisplayName} as {user.Role}.", cancellationToken);
        await output.WriteLineAsync($"Added {user.DisplayName} <{user.Email}> as {user.Role}.");
        return 0;
    }

    public async Task<int> CreateTokenAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        var email = args.Required("email");
        var user = await services.GetRequiredService<UserStore>().FindByEmailAsync(email, cancellationToken)
            ?? throw new UserInputException($"No user has the email {email}.");
        var token = await services.GetRequiredService<ApiTokenStore>().CreateAsync(user.Id, args.Required("name"), cancellationToken);
        await output.WriteLineAsync(token);
        await Console.Error.WriteLineAsync($"API token for {user.Email}. It is shown only this once; keep it somewhere safe.");
        return 0;
    }

    public async Task<int> ListTokensAsync(CancellationToken cancellationToken)
    {
        var tokens = await services.GetRequiredService<ApiTokenStore>().ListActiveAsync(cancellationToken);
        if (tokens.Count == 0)
        {
            await output.WriteLineAsync("No API token works at the moment.");
            return 0;
        }
        await output.WriteLineAsync("ID\tUSER\tNAME\tCREATED\tLAST USED");
        foreach (var token in tokens)
        {
            await output.WriteLineAsync(FormattableString.Invariant(
                $"{token.Id}\t{token.UserEmail}\t{token.Name}\t{token.CreatedAt:yyyy-MM-dd HH:mm}Z\t{(token.LastUsedAt is { } used ? used.ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture) : "never")}"));
        }
        return 0;
    }

    public async Task<int> RevokeTokenAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        if (!long.TryParse(args.Required("id"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            throw new UserInputException($"--id takes the number `token list` shows, not '{args.Options["id"]}'.");
        }
        var revoked = await services.GetRequiredService<ApiTokenStore>().RevokeAsync(id, cancellationToken);
        await services.GetRequiredService<Inbox.Core.Audit.AuditLog>().RecordAsync(null, Inbox.Core.Audit.AuditLog.Users, $"Revoked the API token \"{revoked.Name}\" of {revoked.UserEmail}.", cancellationToken);
        await output.WriteLineAsync($"Revoked the API token \"{revoked.Name}\" of {revoked.UserEmail}; programs using it are refused from now on.");
        return 0;
    }

    public async Task<int> AddPageAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        var id = args.Required("id");
        var name = args.Required("name");
        var timeZone = args.Options.TryGetValue("time-zone", out var zone) ? zone : "UTC";
        var token = await ReadSecretAsync("Page access token: ", cancellationToken);
        var released = await services.GetRequiredService<Inbox.Core.Pages.PageConnector>().ConnectAsync(id, name, token, timeZone, cancellationToken);
        await services.GetRequiredService<Inbox.Core.Audit.AuditLog>().RecordAsync(null, Inbox.Core.Audit.AuditLog.Pages, $"Connected the Page {name} ({id}), time zone {timeZone}.", cancellationToken);
        await output.WriteLineAsync($"Connected the Page {name.Trim()} ({id.Trim()}); its access token is stored encrypted.");
        if (released > 0)
        {
            await output.WriteLineAsync($"{released} held-back deliveries will now be applied.");
        }
        return 0;
    }

    // From a pipe or file the first line is the password; at a terminal it is typed without echo.
    private async Task<string> ReadSecretAsync(string prompt, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(input, Console.In) && !Console.IsInputRedirected)
        {
            await Console.Error.WriteAsync(prompt);
            var typed = new System.Text.StringBuilder();
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
                {
                    typed.Length--;
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    typed.Append(key.KeyChar);
                }
            }
            await Console.Error.WriteLineAsync();
            return typed.ToString();
        }
        return await input.ReadLineAsync(cancellationToken)
            ?? throw new UserInputException($"Expected the {prompt.TrimEnd(' ', ':').ToLowerInvariant()} on standard input.");
    }
}
