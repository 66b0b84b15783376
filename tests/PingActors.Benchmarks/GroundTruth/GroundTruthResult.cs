using static System.FormattableString;

namespace PingActors.Benchmarks.GroundTruth;

/// <summary>How well the insights predicted the held-out pings of a synthetic ground truth, against the targets.</summary>
/// <param name="Mismatches">Pings whose status in the database differs from the plan's (0 when the simulation ran as planned).</param>
/// <param name="BaselineRate">The population's answer rate at the cutoff: the baseline prediction.</param>
/// <param name="Model">The insights' scores; <paramref name="Baseline"/> the population rate's; <paramref name="Truth"/> the generator's own probabilities' (the best any model can do).</param>
/// <param name="Deciles">The held-out pings in ten equal groups by predicted probability.</param>
/// <param name="MedianOwners">Owners with at least <see cref="GroundTruthEvaluation.MinAnswers"/> answers before the cutoff.</param>
/// <param name="MedianError">The median, over them, of |predicted / true median response time - 1|.</param>
/// <param name="MedianWithin">The share of them predicted within 20%.</param>
/// <param name="WindowOwners">Owners with at least <see cref="GroundTruthEvaluation.MinActions"/> actions before the cutoff.</param>
/// <param name="WindowHits">The share of them whose best window holds their true most active hour.</param>
public sealed record GroundTruthResult(
    GroundTruthPlan Plan,
    int Pings,
    int Actions,
    int HeldOut,
    int Mismatches,
    double BaselineRate,
    Scores Model,
    Scores Baseline,
    Scores Truth,
    IReadOnlyList<CalibrationBin> Deciles,
    int MedianOwners,
    double MedianError,
    double MedianWithin,
    int WindowOwners,
    double WindowHits,
    TimeSpan Elapsed)
{
    public (double Brier, double LogLoss) Improvement => Model.ImprovementOver(Baseline);

    /// <summary>The deciles with enough pings to judge (<see cref="GroundTruthEvaluation.MaxStandardError"/>).</summary>
    public IEnumerable<CalibrationBin> JudgedDeciles => Deciles.Where(d => d.StandardError <= GroundTruthEvaluation.MaxStandardError);

    /// <summary>Each target of the issue, with whether it holds.</summary>
    public IReadOnlyList<(string Target, string Measured, bool Holds)> Targets =>
    [
        ("Brier score ≥ 15% better than the population rate", Invariant($"{Improvement.Brier * 100:0.0}% ({Model.Brier:0.0000} against {Baseline.Brier:0.0000})"), Improvement.Brier >= 0.15),
        ("log loss ≥ 15% better than the population rate", Invariant($"{Improvement.LogLoss * 100:0.0}% ({Model.LogLoss:0.0000} against {Baseline.LogLoss:0.0000})"), Improvement.LogLoss >= 0.15),
        ("calibration within 5 pp in every decile with enough pings",
            Invariant($"largest gap {JudgedDeciles.Select(d => Math.Abs(d.Gap)).DefaultIfEmpty(double.NaN).Max() * 100:0.0} pp in the {JudgedDeciles.Count()} of {Deciles.Count} deciles with a standard error of at most 2.5 pp ({Deciles.Min(d => d.Pings):N0}+ pings each)"),
            JudgedDeciles.Any() && JudgedDeciles.All(d => Math.Abs(d.Gap) <= 0.05)),
        ("median response time within 20% for owners with 10+ answers",
            Invariant($"median error {MedianError * 100:0.0}%; {MedianWithin * 100:0}% of {MedianOwners} owners within 20%"), MedianOwners > 0 && MedianError <= 0.20),
        ("best window holds the true most active hour for ≥ 70% of owners with 50+ actions",
            Invariant($"{WindowHits * 100:0}% of {WindowOwners} owners"), WindowOwners > 0 && WindowHits >= 0.70),
    ];
}
