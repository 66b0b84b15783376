using PingActors.Insights;

namespace PingActors.Grains.Tests.Insights;

/// <summary>The empirical-Bayes prior and the Beta-Binomial posterior, against values worked out by hand.</summary>
public sealed class BetaPriorTests
{
    /// <summary>
    /// Four owners with 1, 3, 5 and 7 answers of 10: rates 0.1, 0.3, 0.5, 0.7, so μ = 0.4 and S² = 0.2 / 3; chance
    /// alone gives μ(1-μ)/n = 0.024, so τ² = (0.2/3 - 0.024) / (1 - 0.1) = 32/675, and α + β = 0.24 / τ² - 1 = 4.0625.
    /// </summary>
    private static readonly (long, long)[] _fourOwners = [(1, 10), (3, 10), (5, 10), (7, 10)];

    [Fact]
    public void Fit_OfFourOwners_GivesTheMethodOfMomentsPrior()
    {
        var prior = BetaPrior.Fit(_fourOwners, minSettled: 10, minOwners: 4);

        Assert.Equal((1.625, 2.4375, 4), (Math.Round(prior.Alpha, 12), Math.Round(prior.Beta, 12), prior.Owners));
    }

    [Fact]
    public void Fit_OfFourOwners_HasTheirMeanAndTheirSpreadBeyondChance()
    {
        var prior = BetaPrior.Fit(_fourOwners, minSettled: 10, minOwners: 4);

        Assert.Equal(0.4, prior.Mean, 12);
        Assert.Equal(32.0 / 675, prior.Variance, 12);
    }

    [Fact]
    public void Fit_LeavesOutOwnersWithTooFewSettledPings()
    {
        var prior = BetaPrior.Fit([.. _fourOwners, (0, 9), (9, 9)], minSettled: 10, minOwners: 4);

        Assert.Equal((1.625, 2.4375, 4), (Math.Round(prior.Alpha, 12), Math.Round(prior.Beta, 12), prior.Owners));
    }

    [Fact]
    public void Fit_WithoutSpreadBeyondChance_PoolsEveryone()
    {
        var prior = BetaPrior.Fit([(5, 10), (5, 10), (5, 10), (5, 10)], minSettled: 10, minOwners: 4);

        Assert.Equal((BetaPrior.MaxStrength, 0.5), (prior.Strength, prior.Mean));
    }

    [Fact]
    public void Fit_WithTooFewOwners_IsTheWeakPriorAroundTheRuleOfSuccession()
    {
        var prior = BetaPrior.Fit([(2, 2)], minSettled: 10, minOwners: 4);

        Assert.Equal((1.5, 0.5, 0), (prior.Alpha, prior.Beta, prior.Owners));
        Assert.Equal(new BetaPrior(1, 1, 0), BetaPrior.Fit([], minSettled: 10, minOwners: 4));
    }

    [Theory]
    [InlineData(2, 2, 3.625 / 6.0625)]
    [InlineData(0, 0, 0.4)]
    [InlineData(0, 30, 1.625 / 34.0625)]
    [InlineData(30, 30, 31.625 / 34.0625)]
    public void Estimate_IsThePosteriorMean_SoTwoOfTwoIsNotCertain(long answered, long settled, double expected)
    {
        var estimate = AnswerProbability.Estimate(new BetaPrior(1.625, 2.4375, 4), answered, settled, 0.9);

        Assert.Equal(expected, estimate.Probability, 12);
        Assert.Equal(settled / (settled + 4.0625), estimate.Weight, 12);
        Assert.True(estimate.Probability < 1 && estimate.Low < estimate.Probability && estimate.Probability < estimate.High);
    }

    [Theory]
    [InlineData(0, 0, 0.05, 0.95)] // Beta(1, 1) is uniform
    [InlineData(1, 1, 0.22360679775, 0.974679434481)] // Beta(2, 1) has CDF x²: sqrt(0.05), sqrt(0.95)
    [InlineData(0, 1, 0.025320565519, 0.77639320225)] // Beta(1, 2) has CDF 1 - (1-x)²
    public void Estimate_HasTheEqualTailedCredibleInterval(long answered, long settled, double low, double high)
    {
        var estimate = AnswerProbability.Estimate(new BetaPrior(1, 1, 0), answered, settled, 0.9);

        Assert.Equal(low, estimate.Low, 9);
        Assert.Equal(high, estimate.High, 9);
    }

    [Fact]
    public void ListingPrior_CentresOnTheOwnerWithThePopulationsStrength()
    {
        var prior = AnswerProbability.ListingPrior(new BetaPrior(1.625, 2.4375, 4), 0.8);

        Assert.Equal((3.25, 0.8125), (Math.Round(prior.Alpha, 12), Math.Round(prior.Beta, 12)));
    }
}
