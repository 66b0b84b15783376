using System.Diagnostics;
using PingActors.Analytics;
using PingActors.Storage;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>The silo's analytics event workers as the analytics measure drives them: held off, drained, watched catching up.</summary>
internal sealed class AnalyticsWorkers(AnalyticsProcessor processor, MeasureContext context)
{
    /// <summary>Events written and not yet applied.</summary>
    public async Task<long> UnprocessedAsync() => (await processor.BacklogAsync()).Unprocessed;

    /// <summary>
    /// Holds every worker off until the result is disposed, with the advisory lock a rebuild takes: a held-off worker
    /// only looks again once a second.
    /// </summary>
    public async Task<IAsyncDisposable> HoldOffAsync()
    {
        var connection = await context.Database.Admin.OpenConnectionAsync();
        await AdvisoryLocks.LockAsync(connection, AdvisoryLocks.Workers, CancellationToken.None);
        return new HeldOffWorkers(connection);
    }

    /// <summary>Waits for the workers to apply every event earlier rounds left unprocessed.</summary>
    /// <param name="every">How often to count what is left: each count costs PostgreSQL tens of milliseconds on a large outbox.</param>
    public async Task<(long Events, TimeSpan Elapsed)> DrainAsync(TimeSpan? every = null)
    {
        var backlog = await UnprocessedAsync();
        var clock = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(every ?? TimeSpan.FromMilliseconds(200));
        for (var left = backlog; left > 0; left = await UnprocessedAsync())
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException(Invariant($"The analytics workers left {left:N0} of {backlog:N0} events unprocessed after 10 minutes."));
            }

            context.Display.Status(Invariant($"analytics: workers draining {backlog:N0} events left by earlier rounds, {left:N0} to go"));
            context.Display.Progress(1 - (double)left / backlog);
            await poll.WaitForNextTickAsync();
        }

        return (backlog, clock.Elapsed);
    }

    /// <summary>
    /// How long until the workers have applied what a burst left (the oldest waiting event under a second old), read
    /// every quarter second through the workers' own cheap lag query; null if not before <paramref name="stop"/>.
    /// </summary>
    public async Task<TimeSpan?> WatchCatchUpAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await processor.LagAsync(stop) >= TimeSpan.FromSeconds(1))
            {
                await poll.WaitForNextTickAsync(stop);
            }

            return clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
