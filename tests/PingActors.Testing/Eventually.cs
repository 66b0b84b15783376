namespace PingActors.Testing;

/// <summary>
/// Waits for a condition that nothing signals (a value in memory, a reading over HTTP), checking it every 50 ms.
/// Where the database can signal, <see cref="DatabaseSignals"/> waits without polling; the timeout only fails the test.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan _interval = TimeSpan.FromMilliseconds(50);

    /// <exception cref="TimeoutException"><paramref name="condition"/> did not hold within <paramref name="timeout"/>.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var poll = new PeriodicTimer(_interval);
        while (!await condition())
        {
            try
            {
                await poll.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            }
        }
    }
}
