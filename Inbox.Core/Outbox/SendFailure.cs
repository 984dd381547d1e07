using Inbox.Core.Meta;

namespace Inbox.Core.Outbox;

/// <summary>What an agent can do about a reply Meta refused.</summary>
public enum SendRemedy
{
    /// <summary>Nothing through Messenger: reach the person another way.</summary>
    None,
    /// <summary>Try again later: Meta was busy, limiting or the person unavailable for now.</summary>
    RetryLater,
    /// <summary>The 24-hour window had closed: send again with the human agent tag (up to 7 days), or wait for the customer.</summary>
    OutsideWindow,
    /// <summary>The Page's token was refused: an admin must connect it again.</summary>
    ReconnectPage,
}

/// <summary>A refusal from Meta in plain words, with what can be done about it (see meta-platform.md's error table).</summary>
public sealed record SendFailure(string Reason, SendRemedy Remedy, string Code)
{
    public static SendFailure Explain(GraphError error, int attempts) => (error.Code, error.Subcode) switch
    {
        (10, 2018278) => new("Messenger's 24-hour window had closed when this was sent.", SendRemedy.OutsideWindow, CodeOf(error)),
        (10, 2018108) => new(
            "This person isn't receiving messages from your Page (they may have blocked it or turned its messages off).", SendRemedy.None, CodeOf(error)),
        (551, _) or (200, 1545041) => new("This person isn't available on Messenger right now.", SendRemedy.RetryLater, CodeOf(error)),
        (100, 2018001) => new("Messenger no longer knows this person for your Page: the account may have been deleted or deactivated.", SendRemedy.None, CodeOf(error)),
        (190, _) => new(SendWorker.DisconnectedReason, SendRemedy.ReconnectPage, CodeOf(error)),
        _ when error.IsRateLimit => new($"Meta is limiting how fast this Page can send; {attempts} attempts were refused.", SendRemedy.RetryLater, CodeOf(error)),
        _ when error.IsTransient => new($"Meta could not take the message ({error.Message}); {attempts} attempts failed.", SendRemedy.RetryLater, CodeOf(error)),
        _ => new($"Meta refused the message: {error}.", SendRemedy.None, CodeOf(error)),
    };

    /// <summary>The remedy for a stored code, for showing a failed reply later.</summary>
    public static SendRemedy RemedyFor(string? code) => code switch
    {
        null => SendRemedy.RetryLater,
        _ => Explain(Parse(code), attempts: 0).Remedy,
    };

    private static string CodeOf(GraphError error) => error.Subcode is { } subcode ? $"{error.Code}/{subcode}" : $"{error.Code}";

    private static GraphError Parse(string code)
    {
        var parts = code.Split('/');
        var main = int.TryParse(parts[0], out var value) ? value : 0;
        int? sub = parts.Length > 1 && int.TryParse(parts[1], out var subValue) ? subValue : null;
        return new GraphError(main, sub, "", null, null, null);
    }
}
