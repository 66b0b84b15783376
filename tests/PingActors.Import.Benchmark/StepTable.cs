using System.Globalization;
using Spectre.Console;

namespace PingActors.Import.Benchmark;

/// <summary>Seconds per step of each run, side by side; what the steps leave over (start-up, summary) is its own row.</summary>
internal static class StepTable
{
    public static Table Of(IReadOnlyList<(string Run, TimeSpan Elapsed, IReadOnlyList<StepTime> Steps)> runs)
    {
        var table = new Table().AddColumn("seconds per step");
        foreach (var run in runs)
        {
            table.AddColumn(new TableColumn(run.Run).RightAligned());
        }

        foreach (var step in runs.SelectMany(r => r.Steps).Select(s => s.Step).Distinct())
        {
            table.AddRow([step, .. runs.Select(r => Seconds(r.Steps.Where(s => s.Step == step).Sum(s => s.Seconds), r.Steps.Any(s => s.Step == step)))]);
        }

        table.AddRow(["other (start-up, locks, summary)", .. runs.Select(r => Seconds(r.Elapsed.TotalSeconds - r.Steps.Sum(s => s.Seconds), true))]);
        return table;
    }

    private static string Seconds(double seconds, bool ran) => ran ? seconds.ToString("N1", CultureInfo.InvariantCulture) : "";
}
