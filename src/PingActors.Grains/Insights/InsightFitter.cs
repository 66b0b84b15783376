using PingActors.Analytics;

namespace PingActors.Insights;

/// <summary>Fits the population model from the insight sums: a pure function of the sums, the settings and the time.</summary>
public static class InsightFitter
{
    public static InsightModel Fit(InsightFitInput input, InsightOptions options, DateTimeOffset now, long version = 0)
    {
        var owners = input.Owners;
        var prior = BetaPrior.Fit(owners.Select(o => (o.AnsweredEarlier, o.SettledEarlier)), options.PriorMinPings, options.MinOwners);
        var settled = owners.Sum(o => o.SettledEarlier);
        var times = LogTimeModel.Fit(owners.Select(o => (o.Responded, o.LogSum, o.LogSquares)), options.TimeMinAnswers, options.MinOwners);

        var observations = Observations(input, now);
        var segments = Enumerable.Range(0, InsightSums.Segments).Select(s => Curve(observations.Where(o => o.Segment == s).ToList())).ToList();
        return new InsightModel(
            version, now, prior, settled == 0 ? null : (double)owners.Sum(o => o.AnsweredEarlier) / settled, times,
            Curve(observations), segments, HourOfWeekProfile.PopulationShares(input.Hours));
    }

    /// <summary>
    /// The survival observations of every ping: answers and withdrawals at their bin's upper edge, declined and
    /// expired pings (which can no longer be answered) censored at the end of time, pending ones at their age now.
    /// </summary>
    private static List<(int Segment, SurvivalObservation Observation, bool Pending)> Observations(InsightFitInput input, DateTimeOffset now)
    {
        var observations = input.Bins.Select(b => ((int)b.Segment, new SurvivalObservation(
            b.Bin == ResponseTimeGrid.Never ? double.PositiveInfinity : ResponseTimeGrid.UpperEdge(b.Bin), b.Responses, b.Censored), false)).ToList();
        foreach (var (slot, pending) in input.Pending.Where(p => p.Pending > 0))
        {
            var sentAt = DateTimeOffset.FromUnixTimeSeconds((slot * InsightSums.SlotSeconds) + (InsightSums.SlotSeconds / 2));
            var age = Math.Max(0, (now - sentAt).TotalSeconds);
            observations.Add((InsightSums.SegmentOf(sentAt), new SurvivalObservation(age, 0, pending), true));
        }

        return observations;
    }

    private static ResponseCurve Curve(List<(int Segment, SurvivalObservation Observation, bool Pending)> observations)
    {
        var steps = KaplanMeier.Fit(observations.Select(o => o.Observation));
        return ResponseCurve.From(
            steps,
            observations.Sum(o => o.Observation.Events + o.Observation.Censored),
            observations.Sum(o => o.Observation.Events),
            observations.Where(o => !o.Pending && !double.IsPositiveInfinity(o.Observation.Time)).Sum(o => o.Observation.Censored),
            observations.Where(o => o.Pending).Sum(o => o.Observation.Censored));
    }
}
