using Microsoft.Extensions.DependencyInjection;
using PingActors.Analytics;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// Insight reads over HTTP on the benchmark's host, in an open loop at <see cref="ReadRate"/> a second (latency from
/// when each was due): first alone, then while the Orleans client pings at a third of the throughput the throughput
/// measure found (or 300/s without it). The first row is what a read costs; the second is the "under load".
/// Both start once the analytics workers have applied what earlier measures left (a saturating run leaves a backlog
/// the workers catch up on afterwards), so "alone" is alone and "under load" is a steady load the workers keep up with.
/// </summary>
internal sealed class InsightReadsMeasure : IMeasure
{
    /// <summary>Insight reads a second: a busy marketplace's pace for them beside its pings.</summary>
    private const double ReadRate = 300;

    public string Name => "insight-reads";

    public async Task RunAsync(MeasureContext context)
    {
        var (plan, workload, display) = (context.Plan, context.Workload, context.Display);
        var readers = new InsightReadSystem(context.Host.Http, context.Host.SigningKey);
        var pings = new OrleansSystem(context.Host.Client);
        var capacity = context.Report.Throughput.FirstOrDefault(r => r.System == SystemNames.Orleans && r.Clients == plan.ClientCounts.Max())?.PerSecond ?? 900;
        var rate = Math.Max(100, Math.Round(capacity / 3 / 100) * 100);

        await new AnalyticsWorkers(context.Host.SiloServices.GetRequiredService<AnalyticsProcessor>(), context).DrainAsync();
        display.Status(Invariant($"insight reads: {ReadRate:N0} reads/s alone, warming up"));
        await Load.RunAtRateAsync(readers, ReadRate, plan.Warmup, workload.Pick);
        display.Status(Invariant($"insight reads: {ReadRate:N0} reads/s alone"));
        var alone = await Load.RunAtRateAsync(readers, ReadRate, plan.Duration, workload.Pick, display.Progress);
        Add(context, new InsightReadRow(ReadRate, alone.AdmittedPerSecond, alone.Milliseconds(50), alone.Milliseconds(95), alone.Milliseconds(99), alone.Failed, 0, null));

        display.Status(Invariant($"insight reads: {ReadRate:N0} reads/s while {rate:N0} pings/s flow, warming up"));
        await Task.WhenAll(Load.RunAtRateAsync(readers, ReadRate, plan.Warmup, workload.Pick), Load.RunAtRateAsync(pings, rate, plan.Warmup, workload.Pick));
        display.Status(Invariant($"insight reads: {ReadRate:N0} reads/s while {rate:N0} pings/s flow"));
        var flowing = Load.RunAtRateAsync(pings, rate, plan.Duration, workload.Pick);
        var read = await Load.RunAtRateAsync(readers, ReadRate, plan.Duration, workload.Pick, display.Progress);
        var sent = await flowing;
        Add(context, new InsightReadRow(ReadRate, read.AdmittedPerSecond, read.Milliseconds(50), read.Milliseconds(95), read.Milliseconds(99), read.Failed,
            sent.Admitted / plan.Duration.TotalSeconds, sent.Milliseconds(99)));
    }

    private void Add(MeasureContext context, InsightReadRow row)
    {
        context.Report.InsightReads.Add(row);
        context.Display.Row(new DisplayRow(Name, "insight reads (HTTP)", Invariant($"{row.PerSecond:N0}/s"), null, row.P50, row.P95, row.P99,
            Note: row.PingP99 is null ? "alone" : Invariant($"while {row.PingRate:N0} pings/s flow")));
    }
}
