using MathNet.Numerics.Distributions;

namespace PingActors.Insights;

/// <summary>The Beta-Binomial model of answering: the prior, updated by an owner's (or a listing's) settled pings.</summary>
public static class AnswerProbability
{
    /// <summary>
    /// The posterior Beta(α + answered, β + settled - answered): its mean, and the equal-tailed interval holding
    /// <paramref name="level"/> of it.
    /// </summary>
    public static AnswerEstimate Estimate(BetaPrior prior, long answered, long settled, double level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(answered);
        ArgumentOutOfRangeException.ThrowIfLessThan(settled, answered);
        var (a, b) = (prior.Alpha + answered, prior.Beta + (settled - answered));
        var tail = (1 - level) / 2;
        return new AnswerEstimate(a / (a + b), Beta.InvCDF(a, b, tail), Beta.InvCDF(a, b, 1 - tail), level, answered, settled, settled / (settled + prior.Strength));
    }

    /// <summary>The posterior mean alone: cheap enough for every ping's answer.</summary>
    public static double Mean(BetaPrior prior, long answered, long settled) => (prior.Alpha + answered) / (prior.Strength + settled);

    /// <summary>
    /// A listing's chance: its own settled pings, with its owner's estimate as the prior mean, worth as many pings
    /// as the population prior: listings of one owner differ less than owners do, and a new listing starts at its owner.
    /// </summary>
    public static BetaPrior ListingPrior(BetaPrior population, double ownerProbability) =>
        new(ownerProbability * population.Strength, (1 - ownerProbability) * population.Strength, population.Owners);
}
