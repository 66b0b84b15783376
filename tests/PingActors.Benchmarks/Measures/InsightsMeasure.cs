using PingActors.Benchmarks.GroundTruth;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// The predictions: judged against a synthetic ground truth (on a database and host of their own, with the domain
/// clock driven through months of pings), and their reads timed over HTTP on the benchmark's host while pings flow.
/// </summary>
internal sealed class InsightsMeasure : IMeasure
{
    /// <summary>Insight reads a second: a busy marketplace's pace for them beside its pings.</summary>
    private const double ReadRate = 300;

    public string Name => "insights";

    public async Task RunAsync(MeasureContext context)
    {
        var display = context.Display;
        display.Status("insights: generating the ground truth and creating its database");
        var connectionString = await context.Database.CreateSiblingAsync("ground_truth");
        var result = await new GroundTruthRun(context.Plan.GroundTruth, connectionString, status => display.Status(status), display.Progress).RunAsync();
        context.Report.GroundTruth = result;
        foreach (var (target, measured, holds) in result.Targets)
        {
            display.Row(new DisplayRow(Name, target, holds ? "holds" : "does not hold", Note: measured));
        }

        var reads = await ReadsUnderLoadAsync(context);
        context.Report.InsightReads = reads;
        display.Row(new DisplayRow(Name, "insight reads (HTTP)", Invariant($"{reads.PerSecond:N0}/s"), null, reads.P50, reads.P95, reads.P99,
            Note: Invariant($"while {reads.PingRate:N0} pings/s flow")));
    }

    /// <summary>
    /// Insight reads in an open loop at <see cref="ReadRate"/> a second (latency from when each was due) while the
    /// Orleans client pings at a third of the throughput the throughput measure found (or 300/s without it):
    /// unmeasured for the warm-up, then measured.
    /// </summary>
    private static async Task<InsightReadRow> ReadsUnderLoadAsync(MeasureContext context)
    {
        var (plan, workload) = (context.Plan, context.Workload);
        var readers = new InsightReadSystem(context.Host.Http, context.Host.SigningKey);
        var pings = new OrleansSystem(context.Host.Client);
        var capacity = context.Report.Throughput.FirstOrDefault(r => r.System == SystemNames.Orleans && r.Clients == plan.ClientCounts.Max())?.PerSecond ?? 900;
        var rate = Math.Max(100, Math.Round(capacity / 3 / 100) * 100);
        context.Display.Status(Invariant($"insights: {ReadRate:N0} reads/s while {rate:N0} pings/s flow, warming up"));
        await Task.WhenAll(Load.RunAtRateAsync(readers, ReadRate, plan.Warmup, workload.Pick), Load.RunAtRateAsync(pings, rate, plan.Warmup, workload.Pick));
        context.Display.Status(Invariant($"insights: {ReadRate:N0} reads/s while {rate:N0} pings/s flow"));
        var flowing = Load.RunAtRateAsync(pings, rate, plan.Duration, workload.Pick);
        var read = await Load.RunAtRateAsync(readers, ReadRate, plan.Duration, workload.Pick, context.Display.Progress);
        var sent = await flowing;
        return new InsightReadRow(ReadRate, read.AdmittedPerSecond, read.Milliseconds(50), read.Milliseconds(95), read.Milliseconds(99), read.Failed,
            sent.Admitted / plan.Duration.TotalSeconds, sent.Milliseconds(99));
    }
}
