using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// Where a ping's time goes when nothing queues: one client, one system at a time. For PingActors it splits the
/// ping into the way in with a grain call (the same sender reading their allowance the same way), the wait for the
/// history write, and the batch's statement inside that wait (the silo's own instruments); the rest of a ping is the
/// grain work and the hops between threads. The designs' rows give the ping alone, for comparison.
/// </summary>
internal sealed class LatencyMeasure : IMeasure
{
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
                Note: row.ReadP50 is null ? null : Invariant($"read {row.ReadP50:0.00}, write wait {row.WriteWaitP50:0.00}, statement {row.CommitP50:0.00} ms")));
        }
    }

    private async Task<LatencyRow> MeasureAsync(MeasureContext context, IPingSystem system, IPingSystem? reads)
    {
        var (plan, display, workload) = (context.Plan, context.Display, context.Workload);
        display.Status(Invariant($"{Name}: {system.Name}, 1 client, warming up"));
        await Load.RunAsync(system, 1, plan.Warmup, workload.Pick);
        display.Status(Invariant($"{Name}: {system.Name}, 1 client"));
        LoadResult pings;
        double? waits, commits;
        using (var timings = new HistoryWriteTimings())
        {
            pings = await Load.RunAsync(system, 1, plan.Duration, workload.Pick, display.Progress);
            (waits, commits) = (timings.WaitP50, timings.CommitP50);
        }

        double? read = null;
        if (reads is not null)
        {
            display.Status(Invariant($"{Name}: {system.Name}, 1 client reading allowances"));
            await Load.RunAsync(reads, 1, plan.Warmup, workload.Pick);
            read = (await Load.RunAsync(reads, 1, plan.Duration, workload.Pick, display.Progress)).Milliseconds(50);
        }

        return new LatencyRow(system.Name, pings.Milliseconds(50), read, reads is null ? null : waits, reads is null ? null : commits, pings.Admitted);
    }
}
