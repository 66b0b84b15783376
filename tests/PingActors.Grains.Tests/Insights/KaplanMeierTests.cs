using PingActors.Insights;

namespace PingActors.Grains.Tests.Insights;

/// <summary>
/// The product-limit estimate against the textbook example: the remission times in weeks of the 21 leukaemia
/// patients on 6-mercaptopurine (Freireich et al., 1963; in Kaplan-Meier chapters since), "+" censored:
/// 6, 6, 6, 6+, 7, 9+, 10, 10+, 11+, 13, 16, 17+, 19+, 20+, 22, 23, 25+, 32+, 32+, 34+, 35+.
/// </summary>
public sealed class KaplanMeierTests
{
    private static readonly SurvivalObservation[] _remissions =
    [
        new(6, 3, 1), new(7, 1, 0), new(9, 0, 1), new(10, 1, 1), new(11, 0, 1), new(13, 1, 0), new(16, 1, 0), new(17, 0, 1),
        new(19, 0, 1), new(20, 0, 1), new(22, 1, 0), new(23, 1, 0), new(25, 0, 1), new(32, 0, 2), new(34, 0, 1), new(35, 0, 1),
    ];

    [Theory]
    [InlineData(6, 21, 3, 18.0 / 21)]
    [InlineData(7, 17, 1, 18.0 / 21 * 16 / 17)]
    [InlineData(10, 15, 1, 18.0 / 21 * 16 / 17 * 14 / 15)]
    [InlineData(13, 12, 1, 18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12)]
    [InlineData(16, 11, 1, 18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11)]
    [InlineData(22, 7, 1, 18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11 * 6 / 7)]
    [InlineData(23, 6, 1, 18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11 * 6 / 7 * 5 / 6)]
    public void Fit_OfTheRemissionTimes_GivesTheTextbookSteps(double time, long atRisk, long events, double survival)
    {
        var step = Assert.Single(KaplanMeier.Fit(_remissions), s => s.Time == time);

        Assert.Equal((atRisk, events), (step.AtRisk, step.Events));
        Assert.Equal(survival, step.Survival, 12);
    }

    [Fact]
    public void Fit_OfTheRemissionTimes_HasAStepAtEachTimeWithEventsOnly()
    {
        Assert.Equal([6, 7, 10, 13, 16, 22, 23], KaplanMeier.Fit(_remissions).Select(s => s.Time));
    }

    [Theory]
    [InlineData(5.9, 1.0)]
    [InlineData(6, 0.857142857143)]
    [InlineData(9, 0.806722689076)]
    [InlineData(21.9, 0.627450980392)]
    [InlineData(35, 0.448179271709)]
    public void SurvivalAt_ReadsTheStepAtOrBeforeTheTime(double time, double survival) =>
        Assert.Equal(survival, KaplanMeier.SurvivalAt(KaplanMeier.Fit(_remissions), time), 12);

    [Fact]
    public void Median_IsTheFirstTimeSurvivalFallsToAHalfOrBelow()
    {
        Assert.Equal(23, KaplanMeier.Median(KaplanMeier.Fit(_remissions)));
        Assert.Null(KaplanMeier.Median(KaplanMeier.Fit([new(1, 1, 0), new(2, 0, 5)])));
    }

    [Fact]
    public void Fit_WithCensoringAtTheEndOfTime_KeepsThoseInTheRiskSetThroughout()
    {
        // Two answers at 10 s of four pings; the two declined pings can never be answered and stay at risk.
        var step = Assert.Single(KaplanMeier.Fit([new(10, 2, 0), new(double.PositiveInfinity, 0, 2)]));

        Assert.Equal((4L, 0.5), (step.AtRisk, step.Survival));
    }
}
