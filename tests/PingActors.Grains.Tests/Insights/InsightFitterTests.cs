using PingActors.Analytics;
using PingActors.Insights;

namespace PingActors.Grains.Tests.Insights;

/// <summary>The refit's Kaplan-Meier curves from the binned sums, with declined, expired, withdrawn and pending pings censored as they should be.</summary>
public sealed class InsightFitterTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fit_CensorsPendingPingsAtTheirAge_AndUnanswerablePingsAtTheEnd()
    {
        var tenMinutes = ResponseTimeGrid.BinOf(600);
        var sentAnHourAgo = InsightSums.SlotOf(_now.AddHours(-1));
        var input = new InsightFitInput(
            [],
            [(0, tenMinutes, 2, 0), (0, ResponseTimeGrid.BinOf(1200), 0, 1), (0, ResponseTimeGrid.Never, 0, 2), (2, tenMinutes, 1, 0)],
            [(sentAnHourAgo, 2), (sentAnHourAgo - 1, 0)],
            new long[168]);

        var model = InsightFitter.Fit(input, new InsightOptions(), _now);

        // Everyone: 8 pings at risk at ten minutes, 3 answered then. The withdrawn ping (twenty minutes) and the
        // pending ones (an hour, sent 11:00 UTC, so in the second segment) leave later; the declined never do.
        Assert.Equal((8L, 3L, 1L, 2L), (model.Population.Pings, model.Population.Responses, model.Population.Censored, model.Population.Pending));
        Assert.Equal(3.0 / 8, model.Population.Ever, 12);
        Assert.Equal(2.0 / 5, model.Segments[0].Ever, 12);
        Assert.Equal(1.0, model.Segments[2].Ever, 12);
        Assert.Equal((2L, 0.0), (model.Segments[1].Pending, model.Segments[1].Ever));
        Assert.Equal(ResponseTimeGrid.UpperEdge(tenMinutes), Assert.Single(model.Population.Seconds));
    }

    [Fact]
    public void Fit_WithNoSettledPings_HasNoPooledRate_AndTheWeakPrior()
    {
        var model = InsightFitter.Fit(new InsightFitInput([], [], [], new long[168]), new InsightOptions(), _now);

        Assert.Null(model.PooledRate);
        Assert.Equal(new BetaPrior(1, 1, 0), model.Prior);
        Assert.Null(model.Times.Centre);
        Assert.Equal(0, model.Population.Ever);
    }

    [Fact]
    public void Summary_OfAnOwnerWhoAnsweredTwoOfTwo_IsNotCertain()
    {
        var owners = Enumerable.Range(0, 30).Select(i => new OwnerFigures($"owner-{i}", 20, i % 3 == 0 ? 18 : 6, i % 3 == 0 ? 2 : 14, 0, 0, 0, 0)).ToList();
        var model = InsightFitter.Fit(new InsightFitInput(owners, [], [], new long[168]), new InsightOptions(), _now);
        var predictor = new InsightPredictor(new InsightOptions(), TimeSpan.FromHours(72));

        var summary = predictor.Summary(new OwnerFigures("new-owner", 2, 2, 0, 0, 0, 0, 0), model, _now);

        Assert.InRange(summary.AnswerProbability, model.Prior.Mean, 0.99);
        Assert.Equal(2, summary.SettledPings);
    }

    [Fact]
    public void Summary_LeavesOutPingsTooRecentToHaveSettled()
    {
        // 12 settled, 3 of them answered in the last days: 5 of 9 count, under the flat prior Beta(1, 1).
        var owner = new OwnerFigures("owner", 14, 8, 2, 0, 2, 0, 0, RecentAnswered: 3, RecentSettled: 3);

        var summary = new InsightPredictor(new InsightOptions(), TimeSpan.FromHours(72)).Summary(owner, InsightModel.Unfitted, _now);

        Assert.Equal((6.0 / 11, 9L), (summary.AnswerProbability, summary.SettledPings));
    }

    [Theory]
    [InlineData("2026-11-30T12:00:00Z", 72, "2026-11-27")]
    [InlineData("2026-11-30T00:00:00Z", 72, "2026-11-27")]
    [InlineData("2026-11-30T23:59:59Z", 1, "2026-11-30")]
    public void SettledSince_IsTheUtcDayAPingsLifeAgo(string now, int lifeHours, string day) =>
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
            OwnerFigures.SettledSince(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(lifeHours)));
}
