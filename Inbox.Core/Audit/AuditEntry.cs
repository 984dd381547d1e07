using System.Globalization;
using System.Text.Json;

namespace Inbox.Core.Audit;

public sealed record AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string? UserName { get; init; }
    public string Area { get; init; } = "";

    /// <summary>In English: for the API, the command line and entries written before translations were kept.</summary>
    public string Summary { get; init; } = "";

    /// <summary>The summary in the other languages, as JSON {"fr": "..."}; null for an English-only entry.</summary>
    public string? Translations { get; init; }

    /// <summary>The summary in the reader's language when the entry has it, otherwise in English.</summary>
    public string SummaryIn(CultureInfo culture) =>
        Translations is { } json && JsonSerializer.Deserialize<Dictionary<string, string>>(json) is { } texts
            && texts.TryGetValue(culture.TwoLetterISOLanguageName, out var text) ? text : Summary;
}
