using System.Diagnostics;
using HdrHistogram;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// The stream: a steady ping load through the Orleans client, first with no stream open, then with the plan's
/// streams open on the API node (every listing owner's first, then senders'). Delivery latency of each
/// <c>ping.received</c> to its owner's stream, memory per open stream, and what the open streams cost the ping path.
/// </summary>
internal sealed class StreamMeasure : IMeasure
{
    /// <summary>How long the last items may take to arrive once the load stops.</summary>
    private static readonly TimeSpan _drain = TimeSpan.FromSeconds(10);

    public string Name => "stream";

    public async Task RunAsync(MeasureContext context)
    {
        var (plan, display) = (context.Plan, context.Display);
        var system = new OrleansSystem(context.Host.Client);
        display.Status(Invariant($"stream: {plan.StreamRate:N0} pings/s with no stream open"));
        var without = await SteadyLoad.RunAsync(context, system, plan.StreamRate);

        var users = context.Workload.Owners.Concat(context.Workload.Users).Distinct().Take(plan.Streams).ToList();
        var owners = context.Workload.Owners.Take(plan.Streams).ToHashSet();
        var (heapBefore, setBefore) = Memory();
        display.Status(Invariant($"stream: opening {users.Count:N0} streams"));
        await using var streams = await StreamClients.ConnectAsync(context.Host.Address, context.Host.SigningKey, users, display.Progress);
        var (heapAfter, setAfter) = Memory();

        display.Status(Invariant($"stream: {plan.StreamRate:N0} pings/s with {users.Count:N0} streams open"));
        var timed = new TimedSends(system);
        var with = await SteadyLoad.RunAsync(context, timed, plan.StreamRate);
        var ownerOf = context.Workload.Listings.ToDictionary(l => l.Id, l => l.Owner);
        var expected = timed.Admitted.Keys.Where(k => owners.Contains(ownerOf[k.ListingId])).ToList();
        await DrainAsync(streams, expected);

        var (fromSend, fromAnswer) = (new LongHistogram(1, 60_000_000, 3), new List<double>(expected.Count));
        foreach (var key in expected)
        {
            if (streams.Arrivals.TryGetValue(key, out var arrived))
            {
                var (started, answered) = timed.Admitted[key];
                fromSend.RecordValue(Math.Max(1, Micros(arrived - started)));
                fromAnswer.Add(Micros(arrived - answered) / 1000.0);
            }
        }

        fromAnswer.Sort();
        var row = new StreamRow(
            users.Count, plan.StreamRate, fromSend.TotalCount, expected.Count,
            Millis(fromSend, 50), Millis(fromSend, 99), Percentile(fromAnswer, 50), Percentile(fromAnswer, 99),
            (heapAfter - heapBefore) / (double)users.Count, (setAfter - setBefore) / (double)users.Count, streams.Ended, without, with);
        context.Report.Stream = row;
        display.Row(new DisplayRow(Name, SystemNames.Orleans, Invariant($"{row.Delivered:N0} of {row.Expected:N0} delivered"),
            P50: row.FromSendP50, P99: row.FromSendP99,
            Note: Invariant($"{row.HeapPerStream / 1024:N1} KiB/stream; ping p99 {without.P99:N1} → {with.P99:N1} ms")));
    }

    /// <summary>Waits, on a timer, until every expected item arrived or the drain time is up.</summary>
    private static async Task DrainAsync(StreamClients streams, List<(string Sender, Guid ListingId)> expected)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(_drain.TotalSeconds * Stopwatch.Frequency);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (expected.Any(k => !streams.Arrivals.ContainsKey(k)) && Stopwatch.GetTimestamp() < deadline)
        {
            await tick.WaitForNextTickAsync();
        }
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    private static long Micros(long ticks) => (long)(ticks * 1_000_000.0 / Stopwatch.Frequency);

    private static double Millis(LongHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? double.NaN : histogram.GetValueAtPercentile(percentile) / 1000.0;

    private static double Percentile(List<double> sorted, double percentile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100 * sorted.Count) - 1)];
}
