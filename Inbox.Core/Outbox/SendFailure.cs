using System.Globalization;
using Inbox.Core.Meta;

namespace Inbox.Core.Outbox;

/// <summary>A refusal from Meta in plain words, with what can be done about it (see meta-platform.md's error table).</summary>
public sealed record SendFailure(string Reason, SendRemedy Remedy, string Code)
{
    public static SendFailure Explain(GraphError error, int attempts) => (error.Code, error.Subcode) switch
    {
        (10, 2018278) => new(CoreText.Get<SendFailure>("WindowClosed"), SendRemedy.OutsideWindow, CodeOf(error)),
        (10, 2018108) => new(CoreText.Get<SendFailure>("NotReceiving"), SendRemedy.None, CodeOf(error)),
        (551, _) or (200, 1545041) => new(CoreText.Get<SendFailure>("Unavailable"), SendRemedy.RetryLater, CodeOf(error)),
        (100, 2018001) => new(CoreText.Get<SendFailure>("UnknownPerson"), SendRemedy.None, CodeOf(error)),
        (190, _) => new(SendWorker.DisconnectedReason, SendRemedy.ReconnectPage, CodeOf(error)),
        _ when error.IsRateLimit => new(CoreText.Plural<SendFailure>("RateLimited", attempts), SendRemedy.RetryLater, CodeOf(error)),
        _ when error.IsTransient => new(CoreText.Plural<SendFailure>("Transient", attempts, error.Message), SendRemedy.RetryLater, CodeOf(error)),
        _ => new(CoreText.Get<SendFailure>("Refused", error), SendRemedy.None, CodeOf(error)),
    };

    /// <summary>The remedy for a stored code, for showing a failed reply later.</summary>
    public static SendRemedy RemedyFor(string? code) => code switch
    {
        null => SendRemedy.RetryLater,
        _ => Explain(Parse(code), attempts: 0).Remedy,
    };

    /// <summary>
    /// A failed reply's reason in the current language, for showing it later. The send worker has no person, so it
    /// stored the reason in English beside Meta's code: when the stored text is what that code says, the same sentence
    /// is told in the reader's language; a reason that carries Meta's own words, or an unknown code, is shown as stored.
    /// </summary>
    public static string Describe(string? code, string? storedReason)
    {
        if (code is not null)
        {
            foreach (var reason in ReasonsFor(Parse(code)))
            {
                if (InEnglish(reason) == storedReason)
                {
                    return reason();
                }
            }
        }
        return storedReason ?? "";
    }

    // What the worker may have stored for a code. A refusal worth retrying fails the reply only after its last attempt.
    private static IEnumerable<Func<string>> ReasonsFor(GraphError error)
    {
        yield return () => Explain(error, SendWorker.MaxAttempts).Reason;
        if (error.IsTokenInvalid)
        {
            yield return () => SendWorker.NoAccessTokenReason;
        }
    }

    // The neutral resources are English, the language the worker wrote in.
    private static string InEnglish(Func<string> reason) => CoreText.InLanguage(CultureInfo.InvariantCulture, reason);

    private static string CodeOf(GraphError error) => error.Subcode is { } subcode ? $"{error.Code}/{subcode}" : $"{error.Code}";

    private static GraphError Parse(string code)
    {
        var parts = code.Split('/');
        var main = int.TryParse(parts[0], out var value) ? value : 0;
        int? sub = parts.Length > 1 && int.TryParse(parts[1], out var subValue) ? subValue : null;
        return new GraphError(main, sub, "", null, null, null);
    }
}
