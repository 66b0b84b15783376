using System.Diagnostics;
using PingActors.Analytics;
using PingActors.Storage;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>The silo's analytics event workers as the analytics measure drives them: held off, drained, watched catching up.</summary>
internal sealed class AnalyticsWorkers(AnalyticsProcessor processor, MeasureContext context)
{
    /// <summary>Events written and not yet applied.</summary>
    public Task<long> UnprocessedAsync() => processor.CountUnprocessedAsync();

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

    /// <summary>
    /// Waits for the workers to apply every event earlier rounds left unprocessed. While it waits it only asks for the
    /// oldest waiting event (a few index probes): counting what waits reads the whole backlog, tens of milliseconds of
    /// PostgreSQL a time on a large outbox, which would be charged to the drain it watches. With
    /// <paramref name="count"/>, the backlog is counted once, before the drain is timed; without, the events are
    /// reported as 0.
    /// </summary>
    public async Task<(long Events, TimeSpan Elapsed)> DrainAsync(bool count = true)
    {
        var backlog = count ? await UnprocessedAsync() : 0;
        var what = count ? Invariant($"{backlog:N0} events") : "the events";
        var clock = Stopwatch.StartNew();
        var began = TimeProvider.System.GetUtcNow();
        DateTimeOffset? first = null;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (await processor.OldestWaitingAsync() is { } oldest)
        {
            var writtenAt = UuidV7.TimestampOf(oldest);
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException(Invariant($"The analytics workers had not applied {what} earlier rounds left after 10 minutes (the oldest waiting was written at {writtenAt:O})."));
            }

            // The workers apply events about in the order they were written, all of them before the drain began.
            first ??= writtenAt;
            var done = began > first ? (writtenAt - first.Value) / (began - first.Value) : 0;
            context.Display.Status(Invariant($"analytics: workers applying {what} earlier rounds left, the oldest waiting written {(began - writtenAt).TotalSeconds:N1} s before the drain began"));
            context.Display.Progress(Math.Clamp(done, 0, 1));
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
