using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;

namespace PingActors.Benchmarks.Measures;

/// <summary>The load a production system runs at: an open loop at a fixed rate, well below what the system can take.</summary>
internal static class SteadyLoad
{
    /// <summary>
    /// An open loop at <paramref name="rate"/> pings per second for the plan's duration: latency from when each ping
    /// was due, and this process's GC pauses meanwhile.
    /// </summary>
    public static async Task<SteadyLoadRow> RunAsync(MeasureContext context, IPingSystem system, double rate)
    {
        var (pausedBefore, collectionsBefore) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0));
        var open = await Load.RunAtRateAsync(system, rate, context.Plan.Duration, context.Workload.Pick, context.Display.Progress);
        return new SteadyLoadRow(rate, open.Milliseconds(50), open.Milliseconds(95), open.Milliseconds(99), open.Admitted, open.Failed,
            GC.GetTotalPauseDuration() - pausedBefore, GC.CollectionCount(0) - collectionsBefore);
    }
}
