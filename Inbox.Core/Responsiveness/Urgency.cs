namespace Inbox.Core.Responsiveness;

public enum Urgency
{
    Calm,
    /// <summary>More than half the target has passed: amber.</summary>
    Near,
    /// <summary>The target has passed: red.</summary>
    Late,
}

public static class Urgencies
{
    public static Urgency Of(TimeSpan waited, TimeSpan target) =>
        waited >= target ? Urgency.Late : waited >= target / 2 ? Urgency.Near : Urgency.Calm;
}
