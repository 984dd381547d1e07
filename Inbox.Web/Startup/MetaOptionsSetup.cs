using Inbox.Core.Meta;
using Microsoft.Extensions.Options;

namespace Inbox.Web.Startup;

/// <summary>Demo mode gets working Meta settings; outside it, a missing secret stops start-up with a clear message.</summary>
public sealed class MetaOptionsSetup(IOptions<DemoOptions> demo) : IPostConfigureOptions<MetaOptions>, IValidateOptions<MetaOptions>
{
    public const string DemoAppSecret = "demo-app-secret";
    public const string DemoVerifyToken = "demo-verify-token";

    public void PostConfigure(string? name, MetaOptions options)
    {
        options.Sandbox.Enabled ??= demo.Value.Enabled;
        if (options.Sandbox.Enabled == true && string.IsNullOrEmpty(options.AppId))
        {
            options.AppId = Sandbox.SandboxGraph.AppId;
        }
        if (!demo.Value.Enabled)
        {
            return;
        }
        if (string.IsNullOrEmpty(options.AppSecret))
        {
            options.AppSecret = DemoAppSecret;
        }
        if (string.IsNullOrEmpty(options.VerifyToken))
        {
            options.VerifyToken = DemoVerifyToken;
        }
    }

    public ValidateOptionsResult Validate(string? name, MetaOptions options)
    {
        var missing = new List<string>();
        if (string.IsNullOrEmpty(options.AppSecret))
        {
            missing.Add("Meta:AppSecret (env Meta__AppSecret): the App Secret from your Meta app's Basic settings");
        }
        if (string.IsNullOrEmpty(options.VerifyToken))
        {
            missing.Add("Meta:VerifyToken (env Meta__VerifyToken): any secret string, entered again in the app's webhook settings");
        }
        return missing.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Inbox is not in demo mode and lacks: {string.Join("; ", missing)}.");
    }
}
