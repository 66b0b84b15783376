namespace PingActors.Insights;

/// <summary>
/// The population's prior for an owner's answer probability, Beta(<paramref name="Alpha"/>, <paramref name="Beta"/>),
/// fitted by empirical Bayes: the method of moments over the owners with enough settled pings. An owner's own
/// pings then move it (<see cref="AnswerProbability"/>), so an owner with 2 answers out of 2 is not predicted at 100%.
/// </summary>
/// <param name="Owners">How many owners the fit used; 0 for the weak prior used while too few have enough history.</param>
public sealed record BetaPrior(double Alpha, double Beta, int Owners)
{
    /// <summary>The weakest prior the fit gives: a population with no spread beyond chance pools everything up to this.</summary>
    public const double MaxStrength = 1_000;

    /// <summary>The strongest spread the fit allows (owners who always or never answer).</summary>
    public const double MinStrength = 0.1;

    /// <summary>The strength (in pings) of the prior used while too few owners have enough history.</summary>
    public const double WeakStrength = 2;

    /// <summary>The prior mean: the answer probability of an owner with no history.</summary>
    public double Mean => Alpha / (Alpha + Beta);

    /// <summary>How many pings of evidence the prior is worth: α + β.</summary>
    public double Strength => Alpha + Beta;

    /// <summary>The prior variance of an owner's answer probability: αβ / ((α+β)²(α+β+1)).</summary>
    public double Variance => Alpha * Beta / (Strength * Strength * (Strength + 1));

    /// <summary>A prior worth <see cref="WeakStrength"/> pings around <paramref name="mean"/> (one half with no mean).</summary>
    public static BetaPrior Weak(double? mean) => new((mean ?? 0.5) * WeakStrength, (1 - (mean ?? 0.5)) * WeakStrength, 0);

    /// <summary>
    /// Fits the prior to the owners with at least <paramref name="minSettled"/> settled pings (answered or not):
    /// the mean of their answer rates is the prior mean μ; their variance S², less what chance alone gives
    /// (μ(1-μ) times the mean of 1/n), over 1 - mean(1/n), is the variance τ² of the true probabilities, and
    /// α + β = μ(1-μ)/τ² - 1. With fewer than <paramref name="minOwners"/> such owners it is the weak prior around
    /// the pooled rate of everyone (by Laplace's rule of succession: one answer and one non-answer more).
    /// </summary>
    public static BetaPrior Fit(IEnumerable<(long Answered, long Settled)> owners, int minSettled, int minOwners)
    {
        var all = owners.Where(o => o.Settled > 0).ToList();
        var used = all.Where(o => o.Settled >= minSettled).ToList();
        if (used.Count < Math.Max(2, minOwners))
        {
            // Laplace's rule keeps the weak prior's mean off 0 and 1, whatever the few pings so far say.
            return Weak((all.Sum(o => o.Answered) + 1.0) / (all.Sum(o => o.Settled) + 2.0));
        }

        var rates = used.Select(o => (double)o.Answered / o.Settled).ToList();
        var mean = rates.Average();
        var spread = rates.Sum(r => (r - mean) * (r - mean)) / (rates.Count - 1);
        var chance = used.Average(o => 1.0 / o.Settled);
        var binomial = mean * (1 - mean);
        var variance = (spread - binomial * chance) / (1 - chance);
        var strength = binomial <= 0 ? MaxStrength
            : variance <= binomial / (MaxStrength + 1) ? MaxStrength
            : Math.Max(MinStrength, binomial / variance - 1);
        return new BetaPrior(mean * strength, (1 - mean) * strength, used.Count);
    }
}
