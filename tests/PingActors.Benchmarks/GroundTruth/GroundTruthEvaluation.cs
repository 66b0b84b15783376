namespace PingActors.Benchmarks.GroundTruth;

/// <summary>Judges the predictions made at the cutoff against the held-out pings and the generator's truth: a pure function of both.</summary>
public static class GroundTruthEvaluation
{
    /// <summary>
    /// A decile has enough pings to be judged when its standard error is at most this (2.5 pp): chance alone then
    /// puts its observed share more than 5 pp from a right prediction only about once in twenty.
    /// </summary>
    public const double MaxStandardError = 0.025;

    /// <summary>Owners whose median response time is judged have at least this many answers before the cutoff.</summary>
    public const int MinAnswers = 10;

    /// <summary>Owners whose best window is judged have at least this many actions before the cutoff.</summary>
    public const int MinActions = 50;

    /// <param name="heldOut">Each held-out ping's owner (an index into <paramref name="owners"/>) and whether it was answered; withdrawn pings left out.</param>
    public static GroundTruthResult Evaluate(
        GroundTruthPlan plan, IReadOnlyList<OwnerTruth> owners, IReadOnlyList<OwnerPrediction> predictions, IReadOnlyList<(int Owner, bool Answered)> heldOut,
        double baselineRate, TimeSpan life, int pings, int actions, int mismatches, TimeSpan elapsed)
    {
        var outcomes = heldOut.Select(h => h.Answered).ToList();
        var predicted = heldOut.Select(h => predictions[h.Owner].AnswerProbability).ToList();
        var model = Scores.Of("insights (Beta-Binomial, empirical-Bayes prior)", predicted, outcomes);
        var baseline = Scores.Of("population rate", [.. heldOut.Select(_ => baselineRate)], outcomes);
        var truth = Scores.Of("the generator's true probabilities", [.. heldOut.Select(h => owners[h.Owner].AnsweredWithin(life))], outcomes);

        var timed = Enumerable.Range(0, owners.Count).Where(o => predictions[o].Answers >= MinAnswers && predictions[o].MedianMinutes is not null).ToList();
        var errors = timed.Select(o => Math.Abs((predictions[o].MedianMinutes!.Value / owners[o].MedianMinutes(life)) - 1)).Order().ToList();
        var windowed = Enumerable.Range(0, owners.Count).Where(o => predictions[o].Actions >= MinActions).ToList();
        return new GroundTruthResult(
            plan, pings, actions, heldOut.Count, mismatches, baselineRate, model, baseline, truth, Deciles(predicted, outcomes),
            timed.Count, errors.Count == 0 ? double.NaN : Median(errors), errors.Count == 0 ? double.NaN : errors.Count(e => e <= 0.2) / (double)errors.Count,
            windowed.Count, windowed.Count == 0 ? double.NaN : windowed.Count(o => predictions[o].WindowHolds(owners[o].PeakHour)) / (double)windowed.Count,
            elapsed);
    }

    /// <summary>The pings in ten groups of (nearly) equal size by predicted probability, lowest first.</summary>
    private static List<CalibrationBin> Deciles(List<double> predicted, List<bool> outcomes)
    {
        var order = Enumerable.Range(0, predicted.Count).OrderBy(i => predicted[i]).ToList();
        var bins = new List<CalibrationBin>();
        for (var d = 0; d < 10; d++)
        {
            var members = order.Skip(order.Count * d / 10).Take((order.Count * (d + 1) / 10) - (order.Count * d / 10)).ToList();
            if (members.Count > 0)
            {
                bins.Add(new CalibrationBin(d + 1, members.Count, members.Average(i => predicted[i]), members.Average(i => outcomes[i] ? 1.0 : 0.0)));
            }
        }

        return bins;
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
