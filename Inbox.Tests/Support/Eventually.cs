namespace Inbox.Tests.Support;

/// <summary>Waits for a condition (not for a fixed time), failing with a message after a generous bound.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, string what, int timeoutSeconds = 20)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeoutSeconds} s waiting for {what}.");
            }
            await Task.Delay(25);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> probe, string what, int timeoutSeconds = 20) =>
        ReturnsAsync<object>(async () => await probe() ? new object() : null, what, timeoutSeconds);
}
