using System.Globalization;
using System.Text;
using PingActors.Benchmarks.Systems;
using ScottPlot;

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
        DrawChart(report, chart);
        File.WriteAllText(markdown, Markdown(report, Path.GetFileName(chart)));
        return (markdown, chart);
    }

    public static string Markdown(BenchmarkReport report, string chartFile)
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"# Benchmark, {report.StartedAt:yyyy-MM-dd HH:mm} UTC"));
        md.AppendLine();
        md.AppendLine(report.Environment);
        md.AppendLine();
        md.Append(Invariant($"`dotnet run -c Release --project tests/PingActors.Benchmarks -- --clients {string.Join(',', report.Plan.ClientCounts)} --seconds {report.Plan.Duration.TotalSeconds:0}` "))
            .Append(Invariant($"({report.Plan.Users:N0} senders, {report.Plan.Listings:N0} listings of {report.Plan.Owners:N0} owners, messages of 30-200 characters; "))
            .AppendLine(Invariant($"each system warms up {report.Plan.Warmup.TotalSeconds:0} s, then is measured; the whole run took {report.Elapsed.TotalMinutes:0.0} min)."));
        md.AppendLine();
        md.AppendLine("## Throughput");
        md.AppendLine();
        md.AppendLine("Admitted pings per second, closed loop (each client sends its next ping when the last is answered); latency of every call.");
        md.AppendLine();
        md.AppendLine("| system | clients | pings/s | p50 ms | p95 ms | p99 ms | vs seed | refused | failed |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in report.Throughput.OrderBy(r => r.Clients).ThenBy(r => Order(r.System)))
        {
            md.AppendLine(Invariant($"| {row.System} | {row.Clients} | {row.PerSecond:N0} | {row.P50:0.00} | {row.P95:0.00} | {row.P99:0.00} | {Ratio(row.PerSecond, report.SeedThroughput(row.Clients))} | {row.Refused:N0} | {row.Failed:N0} |"));
        }

        md.AppendLine();
        md.AppendLine(Invariant($"![Throughput against clients]({chartFile})"));
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

        md.AppendLine();
        md.AppendLine("## Rejection path");
        md.AppendLine();
        md.AppendLine("A sender who is over the limit pings repeatedly. Round trips are the database operations the process made (Npgsql's own count), per rejection.");
        md.AppendLine();
        md.AppendLine("| system | clients | rejections/s | vs seed | database round trips per rejection |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        var seedRejections = report.SeedRejection();
        foreach (var row in report.Rejection)
        {
            md.AppendLine(Invariant($"| {row.System} | {row.Clients} | {row.PerSecond:N0} | {Ratio(row.PerSecond, seedRejections)} | {row.RoundTripsPerRejection:0.0000} |"));
        }

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

        if (report.Analytics.Count > 0)
        {
            AppendAnalytics(md, report);
        }

        if (report.Memory is { } memory)
        {
            md.AppendLine();
            md.AppendLine("## Memory");
            md.AppendLine();
            md.Append(Invariant($"After activating {memory.Users:N0} user grains and {memory.Chats:N0} chat grains ({memory.Activations:N0} activations in the silo): "))
                .AppendLine(Invariant($"working set **{memory.WorkingSetBytes / 1048576.0:N0} MiB** for the whole process (silo, API host and benchmark), managed heap {memory.ManagedHeapBytes / 1048576.0:N0} MiB."));
        }

        return md.ToString();
    }

    private static void AppendAnalytics(StringBuilder md, BenchmarkReport report)
    {
        md.AppendLine();
        md.AppendLine("## Analytics workers on and off");
        md.AppendLine();
        md.Append("PingActors through the Orleans client on the same warm host, in rounds with its analytics event workers running and rounds with them held off ")
            .Append("(by the advisory lock a rebuild takes; held off, a worker only looks once a second). ")
            .Append("Every ping writes its `ping.sent` event either way: that is the outbox, part of the ping's own transaction. ")
            .Append("A round with workers on first lets them apply what earlier rounds left; ")
            .AppendLine("every round starts after a vacuum of the history, event and aggregate tables and a checkpoint.");
        md.AppendLine();
        var rate = report.Analytics[0].Steady.Rate;
        var clients = report.Analytics[0].Clients;
        md.Append(Invariant($"Each round is a steady load, an open loop at {rate:N0} pings/s (a third of the burst's throughput; latency from when each ping was due), during which running workers keep up; "))
            .Append(Invariant($"a burst, the closed loop at {clients} clients, which saturates the ping path, so running workers hold back (up to `Analytics:MaxDeferral`); "))
            .AppendLine("and the steady load again, during which running workers catch up on the burst at `Analytics:CatchUpPace` times the ping rate.");
        md.AppendLine();
        md.AppendLine(Invariant($"| round | workers | steady: p50 ms | p95 ms | p99 ms | burst: pings/s | p50 ms | p99 ms | events waiting after it | after the burst: p50 ms | p95 ms | p99 ms | caught up after | GC pauses in the steady loads | backlog applied before the round |"));
        md.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in report.Analytics)
        {
            // A rate means something only for a real backlog: a handful of events waits out the workers' rest.
            var drained = row.Drained == 0 ? "—"
                : row.Drained < 10_000 ? Invariant($"{row.Drained:N0}")
                : Invariant($"{row.Drained:N0} in {row.DrainTime.TotalSeconds:0.0} s ({row.Drained / row.DrainTime.TotalSeconds:N0}/s)");
            var caughtUp = !row.Workers ? "—"
                : row.CaughtUpAfter is { } after ? Invariant($"{after.TotalSeconds:0.0} s")
                : Invariant($"not yet ({row.LeftAfter:N0} left)");
            var gc = Invariant($"{row.Steady.Collections + row.AfterBurst.Collections} GCs, {(row.Steady.GcPause + row.AfterBurst.GcPause).TotalMilliseconds:N0} ms");
            md.AppendLine(Invariant($"| {row.Round} | {(row.Workers ? "on" : "off")} | {row.Steady.P50:0.00} | {row.Steady.P95:0.00} | {row.Steady.P99:0.00} | {row.PerSecond:N0} | {row.P50:0.00} | {row.P99:0.00} | {row.UnprocessedAfterBurst:N0} | {row.AfterBurst.P50:0.00} | {row.AfterBurst.P95:0.00} | {row.AfterBurst.P99:0.00} | {caughtUp} | {gc} | {drained} |"));
        }

        if (report.AnalyticsCost() is { } cost)
        {
            md.AppendLine();
            md.AppendLine("The median round with workers on against the median round with them off (two rounds with the same setting differ by up to the noise):");
            md.AppendLine();
            md.AppendLine("| figure | workers on | workers off | change | noise |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            Compare("steady load p50 ms", cost.SteadyP50, "0.00");
            Compare("steady load p95 ms", cost.SteadyP95, "0.00");
            Compare("steady load p99 ms", cost.SteadyP99, "0.00");
            Compare("burst pings/s", cost.BurstPerSecond, "N0");
            Compare("after the burst p50 ms", cost.AfterBurstP50, "0.00");
            Compare("after the burst p95 ms", cost.AfterBurstP95, "0.00");
            Compare("after the burst p99 ms", cost.AfterBurstP99, "0.00");
        }

        void Compare(string figure, AnalyticsComparison comparison, string format) =>
            md.AppendLine(Invariant($"| {figure} | {comparison.On.ToString(format, CultureInfo.InvariantCulture)} | {comparison.Off.ToString(format, CultureInfo.InvariantCulture)} | **{comparison.Change:+0.0%;-0.0%}** | {comparison.Noise:0.0%} |"));
    }

    private static void DrawChart(BenchmarkReport report, string path)
    {
        var plot = new Plot();
        foreach (var system in report.Throughput.Select(r => r.System).Distinct().OrderBy(Order))
        {
            var rows = report.Throughput.Where(r => r.System == system).OrderBy(r => r.Clients).ToList();
            var line = plot.Add.Scatter(rows.Select(r => (double)r.Clients).ToArray(), rows.Select(r => r.PerSecond).ToArray());
            line.LegendText = system;
            line.LineWidth = 2;
            line.MarkerSize = 8;
        }

        plot.Title("Admitted pings per second against concurrent clients");
        plot.XLabel("concurrent clients");
        plot.YLabel("pings/s");
        plot.Axes.SetLimitsY(0, report.Throughput.Select(r => r.PerSecond).DefaultIfEmpty(1).Max() * 1.1);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 540);
    }

    private static int Order(string system) => system switch
    {
        SystemNames.Seed => 0,
        SystemNames.Http => 1,
        _ => 2,
    };

    private static string Ratio(double value, double seed) =>
        double.IsNaN(seed) || seed == 0 ? "—" : string.Create(CultureInfo.InvariantCulture, $"{value / seed:0.0}x");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
