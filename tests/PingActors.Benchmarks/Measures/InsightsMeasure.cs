using PingActors.Benchmarks.GroundTruth;
using PingActors.Benchmarks.Reporting;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// The predictions, judged against a synthetic ground truth on a database and host of their own, with the domain
/// clock driven through months of pings (their reads are timed by <see cref="InsightReadsMeasure"/>).
/// </summary>
internal sealed class InsightsMeasure : IMeasure
{
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
    }
}
