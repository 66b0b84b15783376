using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// Where a ping's time goes when nothing queues: one client, one system at a time. For PingActors it splits the
/// ping into the way in with a grain call (the same sender reading their allowance the same way), the wait for the
/// history write, and the batch's statement inside that wait (the silo's own instruments); the rest of a ping is the
/// grain work and the hops between threads. The designs' rows give the ping alone, for comparison. Each system is
/// also timed with senders who have pinged before (<see cref="ActiveSenders"/> of them, each warmed with a ping), for
/// PingActors senders whose grain is active. A random sender of the first round who is new to the node has their
/// grain activated first, which reads their pings: the silo times those reads, and the row counts them, since what
/// ran before decides how many there are (the throughput measure activates every sender first, as the seed's limits
/// are warm for every sender; run alone, this measure finds most senders new to the node).
/// </summary>
internal sealed class LatencyMeasure : IMeasure
{
    /// <summary>How many senders the round of senders who have pinged before draws from.</summary>
    public const int ActiveSenders = 64;

    public string Name => "latency";

    public async Task RunAsync(MeasureContext context)
    {
        foreach (var system in context.Systems)
        {
            var reads = system.Name switch
            {
                SystemNames.Http => AllowanceReadSystem.Http(context.Host.Http, context.Host.SigningKey),
                SystemNames.Orleans => AllowanceReadSystem.Orleans(context.Host.Client),
                _ => null,
            };
            var row = await MeasureAsync(context, system, reads);
            context.Report.Latency.Add(row);
            context.Display.Row(new DisplayRow(Name, row.System, Invariant($"{row.PingP50:0.00} ms"), 1, row.PingP50, null, null,
                Note: Invariant($"senders who pinged before {row.ActiveSenderPingP50:0.00} ms")
                    + (row.ReadP50 is null ? null : Invariant($"; read {row.ReadP50:0.00}, write wait {row.WriteWaitP50:0.00}, statement {row.CommitP50:0.00} ms; {row.SenderLoads} senders activated"))));
        }
    }

    private async Task<LatencyRow> MeasureAsync(MeasureContext context, IPingSystem system, IPingSystem? reads)
    {
        var (plan, display, workload) = (context.Plan, context.Display, context.Workload);
        display.Status(Invariant($"{Name}: {system.Name}, 1 client, warming up"));
        await Load.RunAsync(system, 1, plan.Warmup, workload.Pick);
        display.Status(Invariant($"{Name}: {system.Name}, 1 client"));
        var pings = await TimedAsync(workload.Pick);

        display.Status(Invariant($"{Name}: {system.Name}, 1 client, senders who pinged before"));
        var active = workload.Users.Take(ActiveSenders).ToArray();
        foreach (var sender in active)
        {
            await system.SendAsync(workload.PickFor(sender, Random.Shared));
        }

        PingRequest ActivePick(Random random) => workload.PickFor(active[random.Next(active.Length)], random);
        await Load.RunAsync(system, 1, plan.Warmup, ActivePick);
        var activePings = await TimedAsync(ActivePick);

        double? read = null;
        if (reads is not null)
        {
            display.Status(Invariant($"{Name}: {system.Name}, 1 client reading allowances"));
            await Load.RunAsync(reads, 1, plan.Warmup, workload.Pick);
            read = (await Load.RunAsync(reads, 1, plan.Duration, workload.Pick, display.Progress)).Milliseconds(50);
        }

        return new LatencyRow(system.Name, pings.Load.Milliseconds(50), read, pings.WriteWait, pings.Commit, pings.Load.Admitted)
        {
            ActiveSenderPingP50 = activePings.Load.Milliseconds(50),
            ActiveSenderPings = activePings.Load.Admitted,
            ActiveSenderWriteWaitP50 = activePings.WriteWait,
            ActiveSenderCommitP50 = activePings.Commit,
            SenderLoadP50 = pings.SenderLoad,
            SenderLoads = pings.SenderLoads,
        };

        // A measured round; for PingActors (which has reads) also what its silo timed meanwhile.
        async Task<TimedRound> TimedAsync(Func<Random, PingRequest> pick)
        {
            if (reads is null)
            {
                return new TimedRound(await Load.RunAsync(system, 1, plan.Duration, pick, display.Progress), null, null, null, 0);
            }

            using var timings = new SiloTimings();
            var load = await Load.RunAsync(system, 1, plan.Duration, pick, display.Progress);
            return new TimedRound(load, timings.WaitP50, timings.CommitP50, timings.SenderLoadP50, timings.SenderLoads);
        }
    }

    private sealed record TimedRound(LoadResult Load, double? WriteWait, double? Commit, double? SenderLoad, int SenderLoads);
}
