namespace PingActors.Benchmarks.GroundTruth;

/// <summary>The Brier score and the log loss of one way of predicting the held-out pings (lower is better).</summary>
public sealed record Scores(string Predictor, double Brier, double LogLoss)
{
    /// <summary>The scores of <paramref name="predictions"/> against <paramref name="outcomes"/> (1 answered, 0 not).</summary>
    public static Scores Of(string predictor, IReadOnlyList<double> predictions, IReadOnlyList<bool> outcomes)
    {
        var (brier, logLoss) = (0.0, 0.0);
        for (var i = 0; i < predictions.Count; i++)
        {
            var p = Math.Clamp(predictions[i], 1e-6, 1 - 1e-6);
            var y = outcomes[i] ? 1.0 : 0.0;
            brier += (p - y) * (p - y);
            logLoss -= (y * Math.Log(p)) + ((1 - y) * Math.Log(1 - p));
        }

        return new Scores(predictor, brier / predictions.Count, logLoss / predictions.Count);
    }

    /// <summary>How much lower these are than <paramref name="baseline"/>'s, as shares of the baseline's.</summary>
    public (double Brier, double LogLoss) ImprovementOver(Scores baseline) => (1 - (Brier / baseline.Brier), 1 - (LogLoss / baseline.LogLoss));
}
