using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;

namespace Inbox.Core.Responsiveness;

/// <summary>
/// This node's copy of <c>response_facts</c>, by hour, for the hours reports have asked for. Each report reads the
/// hours' versions (one small indexed read, kept by triggers in the transactions that change facts) and re-reads only
/// the hours whose version moved: the last hour or two on a live inbox. So a report is exact on every node, and its
/// cost follows the hours that changed, not the quarter of a million facts a month holds.
/// </summary>
public sealed class ResponseFactCache(TimeProvider time)
{
    // An hour no report has used for this long is dropped: a year-long report once does not hold its memory forever.
    private static readonly TimeSpan s_keep = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<long, (FactHour Hour, long UsedAt)> _hours = new();

    internal async Task<IReadOnlyList<FactHour>> HoursAsync(DbConnection connection, long from, long to, CancellationToken cancellationToken)
    {
        var first = from / FactHour.Milliseconds;
        var last = (to - 1) / FactHour.Milliseconds;
        // Versions before facts: a change committed in between leaves a newer version behind, so the hour is read
        // again next time; never the other way round.
        var versions = (await connection.QueryAsync<(long Hour, long Version)>(new CommandDefinition(
                "SELECT hour, SUM(version) FROM response_fact_hours WHERE hour >= @First AND hour <= @Last GROUP BY hour",
                new { First = first, Last = last }, cancellationToken: cancellationToken)))
            .ToDictionary(v => v.Hour, v => v.Version);
        var now = time.GetUtcNow().UtcTicks;
        var hours = new FactHour[last - first + 1];
        var stale = new List<long>();
        for (var hour = first; hour <= last; hour++)
        {
            if (_hours.TryGetValue(hour, out var cached) && cached.Hour.Version == versions.GetValueOrDefault(hour))
            {
                hours[hour - first] = cached.Hour;
                _hours[hour] = (cached.Hour, now);
            }
            else
            {
                stale.Add(hour);
            }
        }
        foreach (var (runFirst, runLast) in Runs(stale))
        {
            foreach (var hour in await ReadAsync(connection, runFirst, runLast, versions, cancellationToken))
            {
                hours[hour.Hour - first] = hour;
                _hours[hour.Hour] = (hour, now);
            }
        }
        if (stale.Count > 0)
        {
            Forget(now);
        }
        return hours;
    }

    private void Forget(long now)
    {
        foreach (var (hour, entry) in _hours)
        {
            if (now - entry.UsedAt > s_keep.Ticks)
            {
                _hours.TryRemove(hour, out _);
            }
        }
    }

    // Consecutive stale hours are read in one range walk of the covering index.
    private static IEnumerable<(long First, long Last)> Runs(List<long> hours)
    {
        for (var i = 0; i < hours.Count;)
        {
            var start = i;
            while (i + 1 < hours.Count && hours[i + 1] == hours[i] + 1)
            {
                i++;
            }
            yield return (hours[start], hours[i]);
            i++;
        }
    }

    /// <summary>
    /// A fact in four columns: the database classifies it and computes its response time, and packs the responder
    /// into one number, because each column read costs more than the arithmetic around it.
    /// </summary>
    internal static readonly string Columns = $"""
        received_at,
        CASE WHEN spam <> 0 THEN {CachedFact.Spam}
             WHEN responded_at IS NULL THEN {CachedFact.Unanswered}
             WHEN responded_at - received_at > {ResponseFacts.SilenceMilliseconds} THEN {CachedFact.AnsweredLate}
             WHEN responded_at > COALESCE(clock_start_at, responded_at) THEN responded_at - COALESCE(clock_start_at, responded_at)
             ELSE 0 END,
        (CASE responder_kind WHEN 'bot' THEN 1 WHEN 'page_inbox' THEN 2 WHEN 'other_app' THEN 3 ELSE 0 END) + 4 * (COALESCE(responder_user_id, -1) + 1),
        page_id
        """;

    internal static CachedFact FactOf(DbDataReader reader) => new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));

    private static async Task<List<FactHour>> ReadAsync(
        DbConnection connection, long first, long last, Dictionary<long, long> versions, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {Columns} FROM response_facts WHERE received_at >= @From AND received_at < @To ORDER BY received_at";
        var byHour = new List<CachedFact>[last - first + 1];
        var pageIds = new Dictionary<string, string>();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            sql, new { From = first * FactHour.Milliseconds, To = (last + 1) * FactHour.Milliseconds }, cancellationToken: cancellationToken)))
        {
            // Read synchronously: once the statement runs, SQLite has nothing to wait for between rows.
            while (reader.Read())
            {
                var fact = FactOf(reader);
                var page = pageIds.TryGetValue(fact.PageId, out var shared) ? shared : pageIds[fact.PageId] = fact.PageId;
                (byHour[fact.ReceivedAt / FactHour.Milliseconds - first] ??= []).Add(fact with { PageId = page });
            }
        }
        return [.. byHour.Select((facts, i) => new FactHour(first + i, versions.GetValueOrDefault(first + i), facts?.ToArray() ?? []))];
    }
}
