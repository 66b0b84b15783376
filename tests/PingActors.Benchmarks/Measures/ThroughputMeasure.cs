using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Users;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>Admitted pings per second and the latency of every call, closed loop, for each system at each client count.</summary>
internal sealed class ThroughputMeasure : IMeasure
{
    public string Name => "throughput";

    public async Task RunAsync(MeasureContext context)
    {
        await ActivateSendersAsync(context);
        foreach (var clients in context.Plan.ClientCounts)
        {
            foreach (var system in context.Systems)
            {
                var row = await ClosedLoopAsync(context, system, clients);
                context.Report.Throughput.Add(row);
                context.Display.Row(new DisplayRow(Name, row.System, Invariant($"{row.PerSecond:N0}/s"), clients, row.P50, row.P95, row.P99,
                    VsSeed: row.PerSecond / context.Report.SeedThroughput(clients)));
            }
        }
    }

    /// <summary>
    /// <paramref name="clients"/> clients, each sending its next ping as soon as its last one is answered: unmeasured
    /// for the plan's warm-up, then measured for its duration.
    /// </summary>
    public static async Task<ThroughputRow> ClosedLoopAsync(MeasureContext context, IPingSystem system, int clients)
    {
        var (plan, display, workload) = (context.Plan, context.Display, context.Workload);
        display.Status(Invariant($"throughput: {system.Name}, {clients} clients, warming up"));
        await Load.RunAsync(system, clients, plan.Warmup, workload.Pick);
        display.Status(Invariant($"throughput: {system.Name}, {clients} clients"));
        var result = await Load.RunAsync(system, clients, plan.Duration, workload.Pick, display.Progress);
        return new ThroughputRow(system.Name, clients, result.AdmittedPerSecond, result.Milliseconds(50), result.Milliseconds(95), result.Milliseconds(99),
            result.Admitted, result.Refused, result.Failed);
    }

    /// <summary>
    /// The seed's limits cache holds every sender before it is measured; PingActors' senders are active grains
    /// likewise, so neither pays a first read per sender. The memory measure, when it ran, activated the first ones.
    /// </summary>
    private static async Task ActivateSendersAsync(MeasureContext context)
    {
        var (display, grains) = (context.Display, context.Host.Client);
        var inactive = context.Workload.Users.Skip(context.Report.Memory?.Users ?? 0).ToList();
        if (inactive.Count == 0)
        {
            return;
        }

        display.Status(Invariant($"activating {inactive.Count:N0} user grains, as the seed's limits cache is warm"));
        await Concurrently.ForEachAsync(inactive, 128, user => grains.GetGrain<IUserGrain>(user).GetAllowanceAsync(), display.Progress);
    }
}
