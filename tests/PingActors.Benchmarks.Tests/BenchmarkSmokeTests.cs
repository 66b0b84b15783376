using PingActors.Benchmarks.Floor;
using PingActors.Benchmarks.GroundTruth;
using PingActors.Benchmarks.Measures;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Benchmarks.Tiers;
using PingActors.Testing;

namespace PingActors.Benchmarks.Tests;

/// <summary>
/// The benchmark's smoke mode: every measurement, all four systems, a few seconds each, on a throwaway
/// PostgreSQL (or the configured test server). It proves the benchmark still runs and still measures what it
/// claims, not how fast anything is.
/// </summary>
public sealed class BenchmarkSmokeTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("pingactors-bench-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task SmokeRun_MeasuresEverySystem_AndWritesTheReportAndChart()
    {
        var configured = Environment.GetEnvironmentVariable(TestDatabase.ServerVariable);
        var report = await BenchmarkCommand.RunAsync(BenchmarkPlan.Smoke(), configured, interactive: false);

        // The disk of a server the run started is probed for its flushes; a configured server's is not.
        Assert.Equal(string.IsNullOrWhiteSpace(configured), report.Disk is { BackToBackMs: > 0, AfterIdleMs: > 0 });
        Assert.Equal(report.Disk is not null, report.Environment.Contains("synchronous 8 KB write", StringComparison.Ordinal));

        string[] systems = [SystemNames.Legacy, SystemNames.Seed, SystemNames.Http, SystemNames.Orleans];
        string[] designs = [SystemNames.Legacy, SystemNames.Seed];
        Assert.Equal(systems, report.Throughput.Select(r => r.System));
        Assert.All(report.Throughput, row =>
        {
            Assert.True(row.Admitted > 0, $"{row.System} admitted nothing");
            Assert.Equal(0, row.Failed);
            Assert.True(row.P50 > 0 && row.P50 <= row.P95 && row.P95 <= row.P99, $"{row.System}: p50 {row.P50}, p95 {row.P95}, p99 {row.P99}");
        });

        // Where a ping's time goes at one client: PingActors' rows split it, measured inside the silo; the designs' give the ping alone.
        Assert.Equal(systems, report.Latency.Select(r => r.System));
        Assert.All(report.Latency, row => Assert.True(row.Pings > 0 && row.PingP50 > 0, $"{row.System}: {row.Pings} pings, p50 {row.PingP50}"));
        Assert.All(report.Latency, row => Assert.True(
            row.ActiveSenderPings > 0 && row.ActiveSenderPingP50 > 0, $"{row.System}: {row.ActiveSenderPings} pings from senders who pinged before, p50 {row.ActiveSenderPingP50}"));
        Assert.All(report.Latency.Where(r => designs.Contains(r.System)), row => Assert.Null(row.WriteWaitP50));
        Assert.All(report.Latency.Where(r => designs.Contains(r.System)), row => Assert.Equal((0, (double?)null), (row.SenderLoads, row.SenderLoadP50)));

        // The throughput measure has activated every sender, so the latency measure's senders need no activation's read
        // (a run of the latency measure alone has them: see the grain tests of the silo's read timing).
        Assert.All(report.Latency.Where(r => !designs.Contains(r.System)), row =>
            Assert.True(row.SenderLoads == 0 && row.SenderLoadP50 is null, $"{row.System}: {row.SenderLoads} activations' reads, p50 {row.SenderLoadP50}"));
        Assert.All(report.Latency.Where(r => !designs.Contains(r.System)), row =>
            Assert.True(row is { ReadP50: > 0, CommitP50: > 0 } && row.CommitP50 <= row.WriteWaitP50,
                $"{row.System}: read {row.ReadP50}, write wait {row.WriteWaitP50}, statement {row.CommitP50}"));

        // PingActors admits exactly the limit, and stores exactly what it admitted; the other designs' counts are reported beside it.
        Assert.Equal(systems, report.Exactness.Select(r => r.System));
        Assert.All(report.Exactness.Where(r => !designs.Contains(r.System)), row => Assert.Equal((50, 50L), (row.Admitted, row.Rows)));
        Assert.All(report.Exactness.Where(r => designs.Contains(r.System)), row => Assert.Equal(row.Admitted, row.Rows));

        // Rejections: the seed and the legacy design ask their database every time; PingActors never does.
        Assert.Equal(systems, report.Rejection.Where(r => r.Rule == RejectionRow.DailyRule).Select(r => r.System));
        Assert.All(report.Rejection, row => Assert.True(row.PerSecond > 0, $"{row.System} rejected nothing by {row.Rule}"));

        // PingActors' smart rules refuse without a round trip as well, each rule in each way in.
        Assert.Equal(
            [.. from system in (string[])[SystemNames.Http, SystemNames.Orleans] from rule in SmartRefusals.Rules select (system, rule)],
            report.Rejection.Where(r => r.Rule != RejectionRow.DailyRule).Select(r => (r.System, r.Rule)));
        Assert.All(report.Rejection.Where(r => designs.Contains(r.System)), row => Assert.True(row.RoundTripsPerRejection >= 1));
        Assert.All(report.Rejection.Where(r => !designs.Contains(r.System)), row => Assert.Equal(0, row.RoundTripsPerRejection));

        // Cost by tier: every tier of every system is counted, and the round trips are the designs' own (one call; four calls).
        var tiers = report.Tiers.Where(r => r.Variant.Length == 0).ToList();
        Assert.Equal(systems, tiers.Select(r => r.System));
        Assert.All(report.Tiers, row =>
        {
            Assert.True(row.Operations > 0 && row.Failed == 0, $"{row.System}, {row.Variant}: {row.Operations} operations, {row.Failed} failed");
            Assert.True(row.PostgresMicros >= 0 && row.LoadMicros > 0, $"{row.System}, {row.Variant}: PostgreSQL {row.PostgresMicros} µs, load {row.LoadMicros} µs");
            Assert.Equal(designs.Contains(row.System), row.DotnetMicros is null);
            Assert.Equal(designs.Contains(row.System), row.AllocatedBytes is null);
            Assert.Equal(designs.Contains(row.System), row.AnalyticsPostgresMicros is null || row.AnalyticsDotnetMicros is null);
        });
        Assert.All(tiers, row => Assert.True(row.WalBytes > 0 && row.Transactions > 0, $"{row.System}: WAL {row.WalBytes} B, {row.Transactions} transactions"));
        Assert.All(tiers.Where(r => !designs.Contains(r.System)), row => Assert.True(row.DotnetMicros > 0 && row.AllocatedBytes > 0));
        Assert.Equal(1.0, tiers.Single(r => r.System == SystemNames.Seed).RoundTrips);
        Assert.Equal(4.0, tiers.Single(r => r.System == SystemNames.Legacy).RoundTrips);
        Assert.All(report.Tiers.Where(r => designs.Contains(r.System) || r.Variant != TierVariants.Refusals), row =>
            Assert.True(row.PostgresMicros > 0, $"{row.System}, {row.Variant}: PostgreSQL {row.PostgresMicros} µs"));

        // PingActors' .NET CPU by the kind of thread that spent it: every kind is reported, the work ran on the thread
        // pool, and the parts account for the round's CPU (what live threads do not is put down to threads that ended).
        Assert.All(report.Tiers.Where(r => !designs.Contains(r.System)), row =>
        {
            var split = Assert.IsType<DotnetSplit>(row.DotnetSplit);
            Assert.Equal(Enum.GetValues<ThreadRole>(), split.Micros.Keys.Order());
            Assert.True(split.Micros[ThreadRole.ThreadPool] > 0, $"{row.System}, {row.Variant}: thread pool {split.Micros[ThreadRole.ThreadPool]} µs");
            Assert.True(split.Micros.Values.Sum() >= row.DotnetMicros!.Value - 1e-6, $"{row.System}, {row.Variant}: parts {split.Micros.Values.Sum()} of {row.DotnetMicros} µs");
            Assert.True(split.Gen0PerThousand >= split.Gen1PerThousand && split.Gen1PerThousand >= split.Gen2PerThousand && split.PauseMicros >= 0);
        });
        Assert.All(report.Tiers.Where(r => designs.Contains(r.System)), row => Assert.Null(row.DotnetSplit));
        // While a PingActors round waits for its host's compiler to settle (two quiet seconds at least), the load goes on.
        Assert.All(report.Tiers.Where(r => !designs.Contains(r.System)), row => Assert.True(row.KeptWarm > 0, $"{row.System}, {row.Variant}: no load while the host settled"));

        // Refusals at the limit by tier: the designs ask their database once a refusal; PingActors refuses in memory (its
        // host's round trips in the round are its background work alone, far fewer than one a refusal).
        var refusals = report.Tiers.Where(r => r.Variant == TierVariants.Refusals).OrderBy(r => SystemNames.Order(r.System)).ToList();
        Assert.Equal(systems, refusals.Select(r => r.System));
        Assert.All(refusals.Where(r => designs.Contains(r.System)), row => Assert.Equal(1.0, row.RoundTrips));
        Assert.All(refusals.Where(r => !designs.Contains(r.System)), row =>
            Assert.True(row.RoundTrips < 0.01 && row.DotnetMicros > 0, $"{row.System}: {row.RoundTrips} round trips, .NET {row.DotnetMicros} µs a refusal"));

        // The floor, measured as PingActors' rounds are: both ways in, by as many clients, at PingActors' rate and by one
        // client, every call answered, both processes' CPU read.
        var most = BenchmarkPlan.Smoke().ClientCounts.Max();
        (string, int?)[] floorLoads =
            [(FloorPaths.Http, most), (FloorPaths.Http, null), (FloorPaths.Http, 1), (FloorPaths.Orleans, most), (FloorPaths.Orleans, null), (FloorPaths.Orleans, 1)];
        Assert.Equal(floorLoads, report.Floors.Select(r => (r.Path, r.Clients)));
        Assert.Equal(
            [tiers.Single(r => r.System == SystemNames.Http).PerSecond, tiers.Single(r => r.System == SystemNames.Orleans).PerSecond],
            report.Floors.Where(r => r.Rate is not null).Select(r => r.Rate!.Value));
        Assert.All(report.Floors, row => Assert.True(
            row is { Calls: > 0, Failed: 0, DotnetMicros: > 0, LoadMicros: > 0 }, $"{row.Path}: {row.Calls} calls, {row.Failed} failed, .NET {row.DotnetMicros} µs, load {row.LoadMicros} µs"));

        // The seed's claims: each one's figures were measured, in both designs.
        Assert.Equal(7, report.Claims.Count);
        Assert.All(report.Claims, claim => Assert.True(double.IsFinite(claim.Measured), $"{claim.Claim}, {claim.Figure}: {claim.Legacy} against {claim.Seed}"));

        Assert.Equal(["post a message", "send a ping"], report.Cost.Select(r => r.Operation));
        Assert.All(report.Cost, row => Assert.True(row.SmallP50 > 0 && row.LargeP50 > 0));

        // One host with the analytics workers on, one with them off; the workers keep up with what they are given.
        Assert.Equal([true, false], report.Analytics.Select(r => r.Workers));
        Assert.All(report.Analytics, row =>
        {
            Assert.True(row.PerSecond > 0 && row.Steady.Admitted > 0 && row.AfterBurst.Admitted > 0, $"round {row.Round} admitted nothing");
            Assert.Equal((0L, 0L), (row.Steady.Failed, row.AfterBurst.Failed));
            Assert.True(row.Steady.P50 > 0 && row.Steady.P50 <= row.Steady.P99, $"round {row.Round}: steady p50 {row.Steady.P50}, p99 {row.Steady.P99}");
            Assert.True(row.AfterBurst.P50 > 0 && row.AfterBurst.P50 <= row.AfterBurst.P99, $"round {row.Round}: after the burst p50 {row.AfterBurst.P50}, p99 {row.AfterBurst.P99}");
        });
        Assert.NotNull(report.AnalyticsCost());

        // The ground truth played as planned (its targets are the ground-truth test's, at a size that can judge them),
        // and the insights were read under load without a failure.
        var truth = Assert.IsType<GroundTruthResult>(report.GroundTruth);
        Assert.Equal(0, truth.Mismatches);
        Assert.True(truth.HeldOut > 0 && truth.Deciles.Count == 10, $"{truth.HeldOut} held-out pings in {truth.Deciles.Count} deciles");
        Assert.Equal(
            [(InsightReadShapes.SingleNode, false), (InsightReadShapes.SingleNode, true), (InsightReadShapes.Deployed, false), (InsightReadShapes.Deployed, true)],
            report.InsightReads.Select(r => (r.Shape, r.PingP99 is not null)));
        Assert.All(report.InsightReads, reads =>
        {
            Assert.True(reads.PerSecond > 0 && reads.P50 <= reads.P99, $"{reads.PerSecond} reads/s, p50 {reads.P50}, p99 {reads.P99}");
            Assert.Equal(0, reads.Failed);
            Assert.True(reads.PingP99 is null || reads.PingRate > 0, $"{reads.Shape}: no ping admitted while the reads ran");
        });

        var memory = Assert.IsType<MemoryRow>(report.Memory);
        Assert.True(memory.Activations >= memory.Users + memory.Chats, $"{memory.Activations} activations for {memory.Users} users and {memory.Chats} chats");
        Assert.True(memory is { WorkingSetBytes: > 0, TrimmedWorkingSetBytes: > 0 } && memory.ManagedHeapBytes <= memory.CommittedBytes,
            $"working set {memory.WorkingSetBytes}, trimmed {memory.TrimmedWorkingSetBytes}; heap {memory.ManagedHeapBytes} of {memory.CommittedBytes} committed");
        // The idle window was timed, and the smoke's PostgreSQL runs on this machine, so its CPU was read too.
        Assert.True(memory.Idle.Seconds > 0 && memory.Idle.DotnetMsPerSecond >= 0, $"idle: {memory.Idle}");
        Assert.True(memory.Idle.PostgresMsPerSecond >= 0, $"idle: {memory.Idle}");

        // Every ping admitted while the streams were open reached its owner's stream, and no stream was cut off.
        var stream = Assert.IsType<StreamRow>(report.Stream);
        Assert.True(stream.Expected > 0, "no ping admitted while the streams were open");
        Assert.Equal((stream.Expected, 0), (stream.Delivered, stream.Ended));
        Assert.True(stream.FromSendP50 > 0 && stream.FromSendP50 <= stream.FromSendP99, $"stream: p50 {stream.FromSendP50}, p99 {stream.FromSendP99}");

        var (markdown, chart) = ReportWriter.Write(report, _output);
        var text = await File.ReadAllTextAsync(markdown);
        Assert.All(systems, system => Assert.Contains(system, text, StringComparison.Ordinal));
        Assert.Contains(Path.GetFileName(chart), text, StringComparison.Ordinal);
        Assert.Contains("Analytics workers on and off", text, StringComparison.Ordinal);
        Assert.Contains("Insights against a synthetic ground truth", text, StringComparison.Ordinal);
        Assert.Contains("Insight reads", text, StringComparison.Ordinal);
        var calibration = Path.ChangeExtension(chart, null) + "-calibration.png";
        Assert.Contains(Path.GetFileName(calibration), text, StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(calibration))[..4]);
        Assert.Contains("## Capacity", text, StringComparison.Ordinal);
        Assert.Contains("## Where a ping's time goes at one client", text, StringComparison.Ordinal);
        Assert.Contains("## Cost per ping by tier", text, StringComparison.Ordinal);
        Assert.Contains("## Where PingActors' .NET CPU goes", text, StringComparison.Ordinal);
        Assert.Contains("## The floor: a minimal endpoint, measured the same way", text, StringComparison.Ordinal);
        Assert.Contains("## The seed's claims against the design it replaced", text, StringComparison.Ordinal);
        var png = await File.ReadAllBytesAsync(chart);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }
}
