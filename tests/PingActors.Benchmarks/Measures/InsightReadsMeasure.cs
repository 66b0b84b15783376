using Microsoft.Extensions.DependencyInjection;
using PingActors.Analytics;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Benchmarks.Tiers;
using static System.FormattableString;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// Insight reads over HTTP in an open loop at <see cref="ReadRate"/> a second (latency from when each was due), first
/// alone, then while a load generator in another process pings at a third of the throughput the throughput measure
/// found (or 300/s without it). The first row is what a read costs; the second is the "under load". Both
/// run twice: on the benchmark's single-node host (silo and API in one process, pings through the Orleans client),
/// and as the compose file deploys PingActors (<see cref="DeployedPingActors"/>: an API node apart from the silo,
/// pings over HTTP to the same API node that serves the reads).
/// </summary>
/// <remarks>
/// Both start once the analytics workers have applied what earlier measures left (a saturating run leaves a backlog
/// the workers catch up on afterwards), so "alone" is alone and "under load" is a steady load the workers keep up with.
/// </remarks>
internal sealed class InsightReadsMeasure : IMeasure
{
    /// <summary>Insight reads a second: a busy marketplace's pace for them beside its pings.</summary>
    private const double ReadRate = 300;

    public string Name => "insight-reads";

    public async Task RunAsync(MeasureContext context)
    {
        await new AnalyticsWorkers(context.Host.SiloServices.GetRequiredService<AnalyticsProcessor>(), context).DrainAsync();
        await ReadAsync(context, InsightReadShapes.SingleNode, context.Host.Http, SystemNames.Orleans, RateBeside(context, SystemNames.Orleans), http: null);

        context.Display.Status("insight reads: starting a silo and an API node apart");
        using var deployed = await DeployedPingActors.StartAsync(context.Database.ConnectionString, context.Host.SigningKey);
        context.Display.Status("insight reads: registering the listings on the API node apart");
        await deployed.RegisterListingsAsync(context.Workload.Listings);
        context.Display.Status("insight reads: activating the users on the silo apart");
        await deployed.WarmUpAsync(context.Workload.Users, context.Display.Progress);
        await ReadAsync(context, InsightReadShapes.Deployed, deployed.Http, SystemNames.Http, RateBeside(context, SystemNames.Http), deployed.Address);
    }

    /// <summary>A third of what <paramref name="system"/> carried at the most clients, in hundreds a second (300 without a throughput row).</summary>
    private static double RateBeside(MeasureContext context, string system)
    {
        var capacity = context.Report.Throughput.FirstOrDefault(r => r.System == system && r.Clients == context.Plan.ClientCounts.Max())?.PerSecond ?? 900;
        return Math.Max(100, Math.Round(capacity / 3 / 100) * 100);
    }

    private async Task ReadAsync(MeasureContext context, string shape, HttpClient api, string pingSystem, double rate, Uri? http)
    {
        var (plan, workload, display) = (context.Plan, context.Workload, context.Display);
        var readers = new InsightReadSystem(api, context.Host.SigningKey);
        display.Status(Invariant($"insight reads, {shape}: {ReadRate:N0} reads/s alone, warming up"));
        await Load.RunAtRateAsync(readers, ReadRate, plan.Warmup, workload.Pick);
        display.Status(Invariant($"insight reads, {shape}: {ReadRate:N0} reads/s alone"));
        var alone = await Load.RunAtRateAsync(readers, ReadRate, plan.Duration, workload.Pick, display.Progress);
        Add(context, new InsightReadRow(shape, ReadRate, alone.AdmittedPerSecond, alone.Milliseconds(50), alone.Milliseconds(95), alone.Milliseconds(99), alone.Failed,
            pingSystem, 0, null));

        // The pings come from a load generator in a process of its own, as users' pings come from elsewhere: its
        // garbage collections (and its Orleans client's) are not the API node's, whose reads are measured here.
        display.Status(Invariant($"insight reads, {shape}: {ReadRate:N0} reads/s while {rate:N0} pings/s flow, load generator starting and warming up"));
        using var pinger = DriveProcess.Start(TierRound.DriveArguments(context, pingSystem, ["--rate", Invariant($"{rate}")], http));
        await pinger.WaitForAsync(DriveCommand.Warm, TierRound.StartTimeout + plan.Warmup);
        await pinger.SendAsync(DriveCommand.Go);
        await pinger.WaitForAsync(DriveCommand.Measuring, TierRound.StartTimeout);
        display.Status(Invariant($"insight reads, {shape}: {ReadRate:N0} reads/s while {rate:N0} pings/s flow"));
        var read = await Load.RunAtRateAsync(readers, ReadRate, plan.Duration, workload.Pick, display.Progress);
        await pinger.WaitForAsync(DriveCommand.Measured, TierRound.StartTimeout + plan.Duration);
        await pinger.SendAsync(DriveCommand.Report);
        var sent = await pinger.ResultAsync(TierRound.StartTimeout);
        Add(context, new InsightReadRow(shape, ReadRate, read.AdmittedPerSecond, read.Milliseconds(50), read.Milliseconds(95), read.Milliseconds(99), read.Failed,
            pingSystem, sent.Admitted / sent.Seconds, sent.P99));
    }

    private void Add(MeasureContext context, InsightReadRow row)
    {
        context.Report.InsightReads.Add(row);
        context.Display.Row(new DisplayRow(Name, Invariant($"insight reads, {row.Shape}"), Invariant($"{row.PerSecond:N0}/s"), null, row.P50, row.P95, row.P99,
            Note: row.PingP99 is null ? "alone" : Invariant($"while {row.PingRate:N0} pings/s flow ({row.PingSystem})")));
    }
}
