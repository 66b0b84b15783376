using PingActors.Insights;

namespace PingActors.Grains.Tests.Insights;

/// <summary>
/// The response-time model against values worked out by hand. Three owners answered twice each, with log times
/// {1, 3}, {2, 4} and {5, 7}: within each owner the squares about their mean add to 2, so σ² = 6 / 3 = 2; their
/// means 2, 3 and 6 average 11/3 and vary by 13/3, less σ² x mean(1/n) = 1, so τ² = 10/3.
/// </summary>
public sealed class LogTimeModelTests
{
    private static readonly (long, double, double)[] _owners = [(2, 4, 10), (2, 6, 20), (2, 12, 74)];

    private static readonly TimeSpan _forever = TimeSpan.FromDays(365 * 1000);

    [Fact]
    public void Fit_PoolsTheVarianceWithinOwners_AndTakesChanceOutOfTheVarianceBetweenThem()
    {
        var model = LogTimeModel.Fit(_owners, minAnswers: 2, minOwners: 3);

        Assert.Equal(11.0 / 3, model.Centre!.Value, 12);
        Assert.Equal(2, model.WithinVariance, 12);
        Assert.Equal(10.0 / 3, model.BetweenVariance, 12);
        Assert.Equal(3, model.Owners);
    }

    [Fact]
    public void Estimate_ShrinksTheOwnersMeanTowardsTheCentre()
    {
        var model = LogTimeModel.Fit(_owners, minAnswers: 2, minOwners: 3);

        // Weight n / (n + σ²/τ²) = 2 / 2.6; location 11/3 + (2 - 11/3) x 2/2.6 = 3.1 / 1.3.
        var estimate = model.Estimate(2, 4, 1, _forever, 0.9, [])!;

        Assert.Equal(2 / 2.6, estimate.Weight, 12);
        Assert.Equal(Math.Exp(3.1 / 1.3) / 60, estimate.MedianMinutes, 9);
        Assert.True(estimate.Low < estimate.MedianMinutes && estimate.MedianMinutes < estimate.High);
    }

    [Fact]
    public void Estimate_OfAnOwnerWithoutAnswers_IsTheCentre()
    {
        var estimate = LogTimeModel.Fit(_owners, minAnswers: 2, minOwners: 3).Estimate(0, 0, 0.5, _forever, 0.9, [TimeSpan.FromSeconds(Math.Exp(11.0 / 3))])!;

        Assert.Equal(Math.Exp(11.0 / 3) / 60, estimate.MedianMinutes, 9);
        Assert.Equal(0, estimate.Weight);
        // Half of the answers come by the median, and half the pings are answered at all.
        Assert.Equal(0.25, Assert.Single(estimate.AnsweredWithin).Probability, 9);
    }

    [Fact]
    public void Fit_WithTooFewOwners_UsesTheMeanOfAllAnswersAndTheDefaultSpread()
    {
        var model = LogTimeModel.Fit(_owners, minAnswers: 2, minOwners: 4);

        Assert.Equal((22.0 / 6, 2.0, LogTimeModel.DefaultVariance, 0), (model.Centre!.Value, model.WithinVariance, model.BetweenVariance, model.Owners));
        Assert.Null(LogTimeModel.Fit([], 2, 2).Centre);
    }

    [Fact]
    public void TruncatedMedian_OfAnswersCutOffAtTheLife_IsWhereHalfOfThoseBeforeItCame()
    {
        // With the life at the log-normal's own median, half the answers come before it: the median of those is
        // at its quarter, exp(μ + σ Φ⁻¹(1/4)).
        var median = LogTimeModel.TruncatedMedian(Math.Log(3600), 1, TimeSpan.FromHours(1));

        Assert.Equal(3600 * Math.Exp(-0.674489750196), median, 6);
    }
}
