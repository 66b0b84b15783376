namespace PingActors.Benchmarks.GroundTruth;

/// <summary>One decile of the held-out pings by predicted probability: what was predicted, what happened.</summary>
/// <param name="Pings">Held-out pings in the decile.</param>
/// <param name="Predicted">Their mean predicted probability.</param>
/// <param name="Observed">The share of them that was answered.</param>
public sealed record CalibrationBin(int Decile, int Pings, double Predicted, double Observed)
{
    /// <summary>Observed minus predicted.</summary>
    public double Gap => Observed - Predicted;

    /// <summary>The binomial standard error of the observed share, were the predictions right.</summary>
    public double StandardError => Math.Sqrt(Predicted * (1 - Predicted) / Pings);
}
