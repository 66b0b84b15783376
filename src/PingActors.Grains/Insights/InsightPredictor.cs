using PingActors.Analytics;

namespace PingActors.Insights;

/// <summary>
/// The figures of an owner or a listing from their running sums and the population model: a pure function of
/// both, the settings and the time, so it is tested as a table and costs no I/O.
/// </summary>
public sealed class InsightPredictor(InsightOptions options, TimeSpan life)
{
    /// <summary>The times the chance of an answer within is reported for.</summary>
    public static readonly IReadOnlyList<TimeSpan> Horizons = [TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24)];

    private static readonly string[] _days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public OwnerInsights ForOwner(OwnerFigures owner, IReadOnlyList<long> hours, InsightModel model, DateTimeOffset now)
    {
        var answer = AnswerProbability.Estimate(model.Prior, owner.AnsweredEarlier, owner.SettledEarlier, options.CredibleLevel);
        return new OwnerInsights(owner.Username, InsightModelInfo.Of(model), Counts(owner), answer,
            ResponseTime(owner, answer.Probability, model), BestTime(hours, model, now));
    }

    /// <summary>A listing's figures: <paramref name="listing"/> holds its own counts (its owner's name as the username).</summary>
    public ListingInsights ForListing(Guid listingId, OwnerFigures listing, OwnerFigures owner, IReadOnlyList<long> hours, InsightModel model, DateTimeOffset now)
    {
        var ownerChance = AnswerProbability.Mean(model.Prior, owner.AnsweredEarlier, owner.SettledEarlier);
        var answer = AnswerProbability.Estimate(AnswerProbability.ListingPrior(model.Prior, ownerChance), listing.Responded, listing.Settled, options.CredibleLevel);
        return new ListingInsights(listingId, owner.Username, InsightModelInfo.Of(model), Counts(listing), answer,
            ResponseTime(owner, answer.Probability, model), BestTime(hours, model, now));
    }

    /// <summary>The short summary for a ping's answer; <paramref name="asOf"/> is when <paramref name="owner"/> was read.</summary>
    public OwnerSummary Summary(OwnerFigures owner, InsightModel model, DateTimeOffset asOf)
    {
        var chance = AnswerProbability.Mean(model.Prior, owner.AnsweredEarlier, owner.SettledEarlier);
        var median = model.Times.Centre is null ? (double?)null : ResponseTime(owner, chance, model)!.MedianMinutes;
        return new OwnerSummary(chance, median, median is { } minutes ? ResponseTimeBuckets.Of((int)minutes) : null, owner.SettledEarlier, asOf);
    }

    private ResponseTimeEstimate? ResponseTime(OwnerFigures owner, double chance, InsightModel model) =>
        model.Times.Estimate(owner.Responded, owner.LogSum, chance, life, options.CredibleLevel, Horizons);

    private BestTime BestTime(IReadOnlyList<long> hours, InsightModel model, DateTimeOffset now)
    {
        var actions = hours.Sum();
        var shares = HourOfWeekProfile.Shares(hours, model.Hours, options.ProfileStrength);
        var length = options.WindowHours;
        var (start, share) = HourOfWeekProfile.BestWindow(shares, length);
        var current = HourOfWeekProfile.HourOfWeek(now);
        var (soonStart, soonShare) = HourOfWeekProfile.BestWindow(shares, length, Enumerable.Range(0, 24).Select(h => (current + h) % HourOfWeekProfile.Hours));
        var weight = actions + options.ProfileStrength == 0 ? 0 : actions / (actions + options.ProfileStrength);
        return new BestTime("UTC", Window(start, share, length, now), Window(soonStart, soonShare, length, now), actions, weight, shares);
    }

    private static TimeWindow Window(int start, double share, int length, DateTimeOffset now)
    {
        var (from, to) = HourOfWeekProfile.NextOccurrence(start, length, now);
        return new TimeWindow(_days[start / 24], start % 24, length, share, share * HourOfWeekProfile.Hours / length, from, to);
    }

    private static InsightCounts Counts(OwnerFigures figures) =>
        new(figures.Received, figures.Responded, figures.Declined, figures.Expired, figures.Withdrawn, figures.Pending);
}
