namespace PingActors.Insights;

/// <summary>
/// The Kaplan-Meier (product-limit) estimate of the time to an answer: at each time with answers,
/// S(t) = S(t-) x (1 - answered / at risk). A ping censored at a time (withdrawn, or pending at its current age)
/// counts as at risk for the answers at that time and leaves the risk set after it, as is usual.
/// </summary>
public static class KaplanMeier
{
    /// <summary>The curve's steps, one per time with answers, in time order.</summary>
    public static IReadOnlyList<KaplanMeierStep> Fit(IEnumerable<SurvivalObservation> observations)
    {
        var times = observations
            .GroupBy(o => o.Time)
            .Select(g => new SurvivalObservation(g.Key, g.Sum(o => o.Events), g.Sum(o => o.Censored)))
            .OrderBy(o => o.Time)
            .ToList();
        var atRisk = times.Sum(o => o.Events + o.Censored);
        var survival = 1.0;
        var steps = new List<KaplanMeierStep>();
        foreach (var (time, events, censored) in times)
        {
            if (events > 0)
            {
                survival *= 1 - (double)events / atRisk;
                steps.Add(new KaplanMeierStep(time, atRisk, events, survival));
            }

            atRisk -= events + censored;
        }

        return steps;
    }

    /// <summary>S(<paramref name="time"/>): the survival after the last step at or before it (1 before the first).</summary>
    public static double SurvivalAt(IReadOnlyList<KaplanMeierStep> steps, double time)
    {
        var survival = 1.0;
        foreach (var step in steps)
        {
            if (step.Time > time)
            {
                break;
            }

            survival = step.Survival;
        }

        return survival;
    }

    /// <summary>The median: the first time at which S falls to one half or below; null if it never does.</summary>
    public static double? Median(IReadOnlyList<KaplanMeierStep> steps) =>
        steps.FirstOrDefault(step => step.Survival <= 0.5) is { Time: var time, AtRisk: > 0 } ? time : null;
}
