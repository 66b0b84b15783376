using PingActors.Benchmarks.Systems;
using ScottPlot;

namespace PingActors.Benchmarks.Reporting;

/// <summary>The report's chart: admitted pings per second against concurrent clients, a line per system.</summary>
internal static class ThroughputChart
{
    public static void Draw(BenchmarkReport report, string path)
    {
        var plot = new Plot();
        foreach (var system in report.Throughput.Select(r => r.System).Distinct().OrderBy(SystemNames.Order))
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
}
