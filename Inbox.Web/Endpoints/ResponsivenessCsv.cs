using System.Globalization;
using System.Text;
using Inbox.Core.Responsiveness;

namespace Inbox.Web.Endpoints;

/// <summary>The report's new messages as CSV, one row each, safe to open in a spreadsheet.</summary>
public static class ResponsivenessCsv
{
    public static async Task<string> WriteAsync(ResponsivenessReport report, string? pageId, ResponsivenessReporter reporter, CancellationToken cancellationToken)
    {
        var names = await reporter.ContactNamesAsync(report, cancellationToken);
        var facts = await reporter.FactsAsync(report, pageId, cancellationToken);
        var pages = report.Pages.ToDictionary(p => p.PageId, p => p.PageName);
        var agents = report.Agents.ToDictionary(a => (a.Kind, a.UserId), a => a.Name);
        var now = report.Now.ToUnixTimeMilliseconds();
        var csv = new StringBuilder("conversation_id,page,contact,received_at,clock_started_at,responded_at,response_seconds,outcome,responder\r\n");
        foreach (var fact in facts)
        {
            var outcome = fact.OutcomeAt(now);
            Row(csv,
                fact.ConversationId.ToString(CultureInfo.InvariantCulture),
                pages.GetValueOrDefault(fact.PageId, fact.PageId),
                names.GetValueOrDefault(fact.ConversationId, ""),
                Time(report, fact.ReceivedAt),
                fact.ClockStartAt is { } start ? Time(report, start) : "",
                fact.RespondedAt is { } responded ? Time(report, responded) : "",
                outcome == FactOutcome.Answered ? fact.ResponseSeconds.ToString("0", CultureInfo.InvariantCulture) : "",
                outcome.ToString().ToLowerInvariant(),
                fact.ResponderKind is { } kind ? agents.GetValueOrDefault((kind, fact.ResponderUserId), kind) : "");
        }
        return csv.ToString();
    }

    private static string Time(ResponsivenessReport report, long at) => report.Local(at).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder csv, params string[] fields)
    {
        csv.AppendJoin(',', fields.Select(Field));
        csv.Append("\r\n");
    }

    // Quoted when needed; a leading = + - @ is defused so a customer's name can never run as a spreadsheet formula.
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) && !double.TryParse(value, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
