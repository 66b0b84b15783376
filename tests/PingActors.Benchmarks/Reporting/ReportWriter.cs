using System.Globalization;
using System.Text;
using PingActors.Benchmarks.Systems;
using static System.FormattableString;

namespace PingActors.Benchmarks.Reporting;

/// <summary>Writes a run as <c>docs/benchmarks/&lt;date&gt;.md</c> with its chart beside it.</summary>
internal static class ReportWriter
{
    public static (string Markdown, string Chart) Write(BenchmarkReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var stem = report.StartedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var chart = Path.Combine(directory, $"{stem}.png");
        var markdown = Path.Combine(directory, $"{stem}.md");
        if (report.Throughput.Count > 0)
        {
            ThroughputChart.Draw(report, chart);
        }

        var calibration = Path.Combine(directory, $"{stem}-calibration.png");
        if (report.GroundTruth is { } truth)
        {
            CalibrationChart.Draw(truth, calibration);
        }

        File.WriteAllText(markdown, Markdown(report, Path.GetFileName(chart), Path.GetFileName(calibration)));
        return (markdown, chart);
    }

    public static string Markdown(BenchmarkReport report, string chartFile, string calibrationChartFile)
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"# Benchmark, {report.StartedAt:yyyy-MM-dd HH:mm} UTC"));
        md.AppendLine();
        md.AppendLine(report.Environment);
        md.AppendLine();
        var measures = $" --measures {string.Join(',', report.Plan.Measures)}";
        md.Append(Invariant($"`dotnet run -c Release --project tests/PingActors.Benchmarks -- --clients {string.Join(',', report.Plan.ClientCounts)} --seconds {report.Plan.Duration.TotalSeconds:0}{measures}` "))
            .Append(Invariant($"({report.Plan.Users:N0} senders, {report.Plan.Listings:N0} listings of {report.Plan.Owners:N0} owners, messages of 30-200 characters; "))
            .AppendLine(Invariant($"each system warms up {report.Plan.Warmup.TotalSeconds:0} s, then is measured; the whole run took {report.Elapsed.TotalMinutes:0.0} min)."));
        if (report.Tiers.Count > 0 || report.Claims.Count > 0)
        {
            md.AppendLine();
            TierSection.Append(md, report);
        }

        if (report.Throughput.Count > 0)
        {
            Throughput(md, report, chartFile);
        }

        if (report.Latency.Count > 0)
        {
            LatencySection.Append(md, report);
        }

        if (report.Exactness.Count > 0)
        {
            Exactness(md, report);
        }

        if (report.Rejection.Count > 0)
        {
            Rejection(md, report);
        }

        if (report.Cost.Count > 0)
        {
            Cost(md, report);
        }

        if (report.Analytics.Count > 0)
        {
            AnalyticsSection.Append(md, report);
        }

        if (report.GroundTruth is not null || report.InsightReads.Count > 0)
        {
            InsightsSection.Append(md, report, calibrationChartFile);
        }

        if (report.Memory is { } memory)
        {
            md.AppendLine();
            md.AppendLine("## Memory");
            md.AppendLine();
            md.Append(Invariant($"After activating {memory.Users:N0} user grains and {memory.Chats:N0} chat grains ({memory.Activations:N0} activations in the silo): "))
                .Append(Invariant($"working set **{memory.WorkingSetBytes / 1048576.0:N0} MiB** for the whole process (silo, API host and benchmark) after full collections, "))
                .Append(Invariant($"of which the garbage collector holds {memory.CommittedBytes / 1048576.0:N0} MiB for a managed heap of {memory.ManagedHeapBytes / 1048576.0:N0} MiB; "))
                .AppendLine(Invariant($"once an aggressive collection gave its free room back, **{memory.TrimmedWorkingSetBytes / 1048576.0:N0} MiB**."));
            var idle = memory.Idle;
            md.AppendLine();
            md.Append(Invariant($"Then, holding them with nothing sent for {idle.Seconds:N0} s (the workers drained, the compiler settled): the process used **{idle.DotnetMsPerSecond:N1} ms of CPU a second**"))
                .AppendLine(idle.PostgresMsPerSecond is { } pg ? Invariant($", PostgreSQL {pg:N1} ms a second. This is what a node costs before its first ping: the silo's timers and statistics, the Dashboard, the workers polling.") : ".");
        }

        if (report.Stream is { } stream)
        {
            StreamSection.Append(md, stream);
        }

        return md.ToString();
    }

    private static void Throughput(StringBuilder md, BenchmarkReport report, string chartFile)
    {
        md.AppendLine();
        md.AppendLine("## Throughput");
        md.AppendLine();
        md.AppendLine("Admitted pings per second, closed loop (each client sends its next ping when the last is answered); latency of every call.");
        md.AppendLine();
        md.AppendLine("| system | clients | pings/s | p50 ms | p95 ms | p99 ms | vs seed | refused | failed |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in report.Throughput.OrderBy(r => r.Clients).ThenBy(r => SystemNames.Order(r.System)))
        {
            md.AppendLine(Invariant($"| {row.System} | {row.Clients} | {row.PerSecond:N0} | {row.P50:0.00} | {row.P95:0.00} | {row.P99:0.00} | {Ratio(row.PerSecond, report.SeedThroughput(row.Clients))} | {row.Refused:N0} | {row.Failed:N0} |"));
        }

        md.AppendLine();
        md.AppendLine(Invariant($"![Throughput against clients]({chartFile})"));
    }

    private static void Exactness(StringBuilder md, BenchmarkReport report)
    {
        md.AppendLine();
        md.AppendLine("## Exactness");
        md.AppendLine();
        md.AppendLine("100 concurrent pings from one fresh sender whose daily limit is 50, each to a different listing.");
        md.AppendLine();
        md.AppendLine("| system | sent | admitted | rows in the database |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var row in report.Exactness)
        {
            md.AppendLine(Invariant($"| {row.System} | {row.Sent} | {row.Admitted} | {row.Rows} |"));
        }
    }

    private static void Rejection(StringBuilder md, BenchmarkReport report)
    {
        md.AppendLine();
        md.AppendLine("## Rejection path");
        md.AppendLine();
        md.AppendLine("A sender who is refused pings repeatedly: over the daily limit in every system, then, for PingActors with its smart rules "
            + "enforced, to a listing that has had its 20 new pings today (`owner-busy`), to an owner who declined them (`recently-declined`) and with "
            + "50 pings pending (`too-many-pending`). Round trips are the database operations the process made (Npgsql's own count), per rejection.");
        md.AppendLine();
        md.AppendLine("| system | refused by | clients | rejections/s | vs seed | database round trips per rejection |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        var seedRejections = report.SeedRejection();
        foreach (var row in report.Rejection)
        {
            md.AppendLine(Invariant($"| {row.System} | {row.Rule} | {row.Clients} | {row.PerSecond:N0} | {Ratio(row.PerSecond, seedRejections)} | {row.RoundTripsPerRejection:0.0000} |"));
        }
    }

    private static void Cost(StringBuilder md, BenchmarkReport report)
    {
        md.AppendLine();
        md.AppendLine("## Cost growth");
        md.AppendLine();
        md.AppendLine(Invariant($"p50 of {report.Plan.CostSamples:N0} sequential calls each, small and large case interleaved (PingActors through the Orleans client)."));
        md.AppendLine();
        md.AppendLine("| operation | small case | p50 ms | large case | p50 ms | growth |");
        md.AppendLine("| --- | --- | ---: | --- | ---: | ---: |");
        foreach (var row in report.Cost)
        {
            md.AppendLine(Invariant($"| {row.Operation} | {row.SmallCase} | {row.SmallP50:0.000} | {row.LargeCase} | {row.LargeP50:0.000} | {row.Growth:+0.0%;-0.0%} |"));
        }
    }

    private static string Ratio(double value, double seed) =>
        double.IsNaN(seed) || seed == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{value / seed:0.0}x");
}
