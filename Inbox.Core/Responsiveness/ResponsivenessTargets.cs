using System.Text.Json;
using Inbox.Core.Storage;

namespace Inbox.Core.Responsiveness;

/// <summary>What "Very responsive" means here: a response rate, a median response time, over a window of days.</summary>
public sealed record ResponsivenessTargets(int RatePercent, int MedianMinutes, int WindowDays)
{
    /// <summary>Facebook's 2015-2016 rule, the one our users know: 90% with a median under 5 minutes over 7 days.</summary>
    public static ResponsivenessTargets FiveMinuteRule { get; } = new(90, 5, 7);

    /// <summary>The later rule: 90% and 15 minutes over 7 days.</summary>
    public static ResponsivenessTargets FifteenMinuteRule { get; } = new(90, 15, 7);

    public TimeSpan MedianTarget => TimeSpan.FromMinutes(MedianMinutes);

    public void Validate()
    {
        if (RatePercent is < 1 or > 100 || MedianMinutes is < 1 or > 1440 || WindowDays is < 1 or > 90)
        {
            throw new UserInputException(CoreText.Get<ResponsivenessTargets>("TargetsRange"));
        }
    }
}

/// <summary>The targets, kept in app_settings and cached: every waiting conversation's colour reads them.</summary>
public sealed class ResponsivenessSettings(AppSettingStore settings)
{
    private const string Key = "responsiveness_targets";
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);
    private ResponsivenessTargets? _cached;

    public async Task<ResponsivenessTargets> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached)
        {
            return cached;
        }
        var json = await settings.GetAsync(Key, cancellationToken);
        _cached = json is null ? ResponsivenessTargets.FiveMinuteRule : JsonSerializer.Deserialize<ResponsivenessTargets>(json, s_json) ?? ResponsivenessTargets.FiveMinuteRule;
        return _cached;
    }

    public async Task SaveAsync(ResponsivenessTargets targets, CancellationToken cancellationToken)
    {
        targets.Validate();
        await settings.SetAsync(Key, JsonSerializer.Serialize(targets, s_json), cancellationToken);
        _cached = targets;
    }
}
