using System.Diagnostics;
using HdrHistogram;
using PingActors.Benchmarks.Systems;

namespace PingActors.Benchmarks;

/// <summary>
/// Load on a system: closed loop (each client sends its next ping as soon as its last one is answered), or open
/// loop at a fixed rate.
/// </summary>
internal static class Load
{
    /// <summary>Runs <paramref name="clients"/> clients for <paramref name="duration"/> and returns what they saw.</summary>
    public static async Task<LoadResult> RunAsync(
        IPingSystem system, int clients, TimeSpan duration, Func<Random, PingRequest> next, Action<double>? progress = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        using var ticker = progress is null ? null : new Timer(_ => progress(Math.Min(1, Stopwatch.GetElapsedTime(started) / duration)), null, 0, 200);
        var workers = Enumerable.Range(0, clients).Select(client => Task.Run(() => ClientAsync(system, next, deadline))).ToArray();
        var tallies = await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var all = new Tally();
        foreach (var tally in tallies)
        {
            all.Add(tally);
        }

        return all.Result(elapsed);
    }

    /// <summary>
    /// Open-loop load: a ping is due every 1/<paramref name="perSecond"/> seconds whether or not earlier ones were
    /// answered, and its latency counts from when it was due, so a stall is charged to every ping it delays.
    /// </summary>
    /// <remarks>
    /// The pace comes from a thread of its own that sleeps a millisecond at a time: the timer queue behind
    /// <see cref="PeriodicTimer"/> ticks several times more coarsely than that on Linux, and every ping would count
    /// its wait for the tick as the system's latency. Each ping is sent from the thread pool, so a slow send does
    /// not hold back the ones due after it.
    /// </remarks>
    public static async Task<LoadResult> RunAtRateAsync(
        IPingSystem system, double perSecond, TimeSpan duration, Func<Random, PingRequest> next, Action<double>? progress = null)
    {
        var random = new Random(Random.Shared.Next());
        var tally = new Tally();
        var total = (long)(perSecond * duration.TotalSeconds);
        var sends = new List<Task>((int)Math.Min(total, int.MaxValue));
        var paced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Stopwatch.GetTimestamp();
        var pacer = new Thread(Pace) { IsBackground = true, Name = "open-loop pacer" };
        pacer.Start();
        await paced.Task;
        await Task.WhenAll(sends);
        return tally.Result(duration);

        void Pace()
        {
            for (long sent = 0; sent < total; Thread.Sleep(1))
            {
                for (var due = Math.Min(total, (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * perSecond) + 1); sent < due; sent++)
                {
                    var (ping, dueAt) = (next(random), started + (long)(sent / perSecond * Stopwatch.Frequency));
                    sends.Add(Task.Run(() => SendAsync(ping, dueAt)));
                }

                progress?.Invoke((double)sent / total);
            }

            paced.SetResult();
        }

        async Task SendAsync(PingRequest ping, long dueAt)
        {
            var outcome = await system.SendAsync(ping);
            lock (tally)
            {
                tally.Record(outcome, dueAt);
            }
        }
    }

    /// <summary>Sends <paramref name="count"/> pings one after another and returns their latencies.</summary>
    public static async Task<LoadResult> RunSequentialAsync(Func<int, Task<SendOutcome>> send, int count)
    {
        var tally = new Tally();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            tally.Record(await send(i), start);
        }

        return tally.Result(Stopwatch.GetElapsedTime(started));
    }

    private static async Task<Tally> ClientAsync(IPingSystem system, Func<Random, PingRequest> next, long deadline)
    {
        // A fresh seed per run and client: a run must not replay the pairs of the run before it.
        var random = new Random(Random.Shared.Next());
        var tally = new Tally();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var ping = next(random);
            var start = Stopwatch.GetTimestamp();
            tally.Record(await system.SendAsync(ping), start);
        }

        return tally;
    }

    /// <summary>Outcomes and latencies (microseconds, from 1 µs to a minute, to three significant digits) of one stream of calls.</summary>
    private sealed class Tally
    {
        private readonly LongHistogram _latency = new(1, 60_000_000, 3);
        private long _admitted, _refused, _failed;

        /// <summary>Counts a call that was due (or started) at the timestamp <paramref name="since"/> and has just ended.</summary>
        public void Record(SendOutcome outcome, long since)
        {
            _latency.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(since).TotalMicroseconds));
            _ = outcome switch
            {
                SendOutcome.Admitted => _admitted++,
                SendOutcome.Refused => _refused++,
                _ => _failed++,
            };
        }

        public void Add(Tally other)
        {
            _latency.Add(other._latency);
            (_admitted, _refused, _failed) = (_admitted + other._admitted, _refused + other._refused, _failed + other._failed);
        }

        public LoadResult Result(TimeSpan elapsed) => new(_admitted, _refused, _failed, elapsed, _latency);
    }
}
