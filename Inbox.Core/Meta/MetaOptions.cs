namespace Inbox.Core.Meta;

/// <summary>The <c>Meta</c> configuration section: the Meta app this installation is.</summary>
public sealed class MetaOptions
{
    public const string SectionName = "Meta";

    /// <summary>Signs webhook deliveries (X-Hub-Signature-256). Required outside demo mode.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>Answered in the webhook verification handshake. Required outside demo mode.</summary>
    public string VerifyToken { get; set; } = "";

    /// <summary>
    /// This Meta app's id. Echoes and handover events name apps by id; this one is "Inbox". Set to the sandbox's in demo mode.
    /// </summary>
    public string AppId { get; set; } = "";

    /// <summary>The Graph API; empty means Meta's own, or the sandbox when it is enabled.</summary>
    public string GraphBaseUrl { get; set; } = "";

    public string GraphVersion { get; set; } = "v23.0";

    /// <summary>How long one Graph call may take before it is given up (a send then waits for its echo).</summary>
    public double GraphTimeoutSeconds { get; set; } = 20;

    /// <summary>How long calls to a Page pause once most of them failed (the circuit breaker's break).</summary>
    public double CircuitBreakSeconds { get; set; } = 15;

    /// <summary>How long a reply whose outcome is unknown waits for its echo before it is sent again.</summary>
    public double EchoWaitSeconds { get; set; } = 120;

    public SandboxOptions Sandbox { get; set; } = new();

    public sealed class SandboxOptions
    {
        /// <summary>Serves a stand-in Graph API inside the app; on by default in demo mode, off otherwise.</summary>
        public bool? Enabled { get; set; }

        /// <summary>How many Messenger threads the demo Page's made-up history has (the other Pages a quarter of it).</summary>
        public int HistoryThreads { get; set; } = 80;

        /// <summary>Meta's rate for the Conversations API, per Page: beyond it the sandbox answers error 613.</summary>
        public int HistoryCallsPerSecond { get; set; } = 2;
    }
}
