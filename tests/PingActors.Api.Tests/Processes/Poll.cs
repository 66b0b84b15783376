using System.Diagnostics;

namespace PingActors.Api.Tests.Processes;

/// <summary>Waits for what neither PostgreSQL nor the operating system can notify (a lock wait, a query under way).</summary>
internal static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every 50 ms until it holds; fails the test after a minute.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException($"Waited a minute for {what}.");
            }

            await timer.WaitForNextTickAsync();
        }
    }
}
