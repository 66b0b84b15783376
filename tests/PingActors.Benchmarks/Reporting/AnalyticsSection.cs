using System.Globalization;
using System.Text;
using static System.FormattableString;

namespace PingActors.Benchmarks.Reporting;

/// <summary>The report's section on the analytics rounds: every round, then the median rounds with workers on and off compared.</summary>
internal static class AnalyticsSection
{
    public static void Append(StringBuilder md, BenchmarkReport report)
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
}
