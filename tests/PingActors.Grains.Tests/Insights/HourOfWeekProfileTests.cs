using PingActors.Insights;

namespace PingActors.Grains.Tests.Insights;

/// <summary>The hour-of-week profile, its smoothing towards the population and its best windows, against values worked out by hand.</summary>
public sealed class HourOfWeekProfileTests
{
    private static readonly double[] _uniform = [.. Enumerable.Repeat(1.0 / 168, 168)];

    [Fact]
    public void Shares_AreTheCountsSmoothedTowardsThePopulation()
    {
        var counts = new long[168];
        counts[5] = 10;

        var shares = HourOfWeekProfile.Shares(counts, _uniform, strength: 24);

        // (10 + 24/168) / (10 + 24) at the owner's hour, (24/168) / 34 at every other.
        Assert.Equal((10 + (24.0 / 168)) / 34, shares[5], 12);
        Assert.Equal(24.0 / 168 / 34, shares[100], 12);
        Assert.Equal(1, shares.Sum(), 12);
    }

    [Fact]
    public void Shares_OfAnOwnerWithoutActions_AreThePopulations()
    {
        var population = HourOfWeekProfile.PopulationShares([.. Enumerable.Range(0, 168).Select(h => h == 20 ? 832L : 0L)]);

        Assert.Equal(833.0 / 1000, population[20], 12);
        Assert.All(HourOfWeekProfile.Shares(new long[168], population, strength: 24).Zip(population), pair => Assert.Equal(pair.Second, pair.First, 15));
    }

    [Fact]
    public void BestWindow_IsTheEarliestOfTheWindowsWithTheLargestShare()
    {
        var counts = new long[168];
        counts[5] = 10;
        var shares = HourOfWeekProfile.Shares(counts, _uniform, strength: 24);

        var (start, share) = HourOfWeekProfile.BestWindow(shares, 3);

        Assert.Equal(3, start);
        Assert.Equal((10 + (3 * 24.0 / 168)) / 34, share, 12);
    }

    [Fact]
    public void BestWindow_WrapsRoundTheEndOfTheWeek()
    {
        var counts = new long[168];
        (counts[167], counts[0], counts[1]) = (5, 5, 1);

        Assert.Equal(167, HourOfWeekProfile.BestWindow(HourOfWeekProfile.Shares(counts, _uniform, 24), 3).Start);
    }

    [Fact]
    public void BestWindow_AmongCandidates_LooksOnlyAtThose() =>
        Assert.Equal(40, HourOfWeekProfile.BestWindow(_uniform.Select((s, h) => h == 5 ? 0.5 : s).ToArray(), 2, [40, 41]).Start);

    [Theory]
    [InlineData(10, "2026-11-30T11:30:00Z", "2026-11-30T10:00:00Z")] // Monday 10:00-13:00, under way
    [InlineData(10, "2026-11-30T13:00:00Z", "2026-12-07T10:00:00Z")] // just over: next Monday
    [InlineData(33, "2026-11-30T13:00:00Z", "2026-12-01T09:00:00Z")] // Tuesday 09:00
    [InlineData(167, "2026-11-30T01:00:00Z", "2026-11-29T23:00:00Z")] // Sunday 23:00 to Monday 02:00, under way
    [InlineData(167, "2026-11-30T02:00:00Z", "2026-12-06T23:00:00Z")]
    public void NextOccurrence_IsTheOneNotOverYet(int hourOfWeek, string now, string from)
    {
        var (start, end) = HourOfWeekProfile.NextOccurrence(hourOfWeek, 3, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), start);
        Assert.Equal(start.AddHours(3), end);
    }
}
