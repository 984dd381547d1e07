namespace Inbox.Tests.Support;

/// <summary>
/// The fault tests run short in test.sh and long in faults.sh (INBOX_FAULTS=long): more kills, more deliveries, longer
/// outages. The long figures go to docs/reliability.md.
/// </summary>
public static class FaultScale
{
    public static bool IsLong => Environment.GetEnvironmentVariable("INBOX_FAULTS") == "long";
}
