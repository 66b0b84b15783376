using PingActors.Benchmarks.GroundTruth;
using ScottPlot;

namespace PingActors.Benchmarks.Reporting;

/// <summary>The reliability chart of the ground truth: observed against predicted answer rates per decile, with the diagonal and the ±5 pp band.</summary>
internal static class CalibrationChart
{
    public static void Draw(GroundTruthResult result, string path)
    {
        var plot = new Plot();
        var band = plot.Add.FillY([0, 1], [-0.05, 0.95], [0.05, 1.05]);
        band.FillColor = Colors.Green.WithAlpha(0.12);
        band.LineWidth = 0;
        band.LegendText = "within 5 pp";
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.Color = Colors.Gray;
        diagonal.LegendText = "perfect calibration";

        var deciles = result.Deciles;
        double[] predicted = [.. deciles.Select(d => d.Predicted)];
        double[] observed = [.. deciles.Select(d => d.Observed)];
        var errors = plot.Add.ErrorBar(predicted, observed, [.. deciles.Select(d => 2 * d.StandardError)]);
        errors.Color = Colors.Black;
        var points = plot.Add.Scatter(predicted, observed);
        points.LineWidth = 0;
        points.MarkerSize = 9;
        points.LegendText = "deciles of held-out pings (±2 standard errors)";

        plot.Title($"Answer probability: observed against predicted ({result.HeldOut:N0} held-out pings)");
        plot.XLabel("predicted probability of an answer");
        plot.YLabel("observed share answered");
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 720, 640);
    }
}
