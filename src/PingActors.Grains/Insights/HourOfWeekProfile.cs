namespace PingActors.Insights;

/// <summary>
/// When an owner acts, over the 168 hours of the week (UTC; 0 is Monday 00:00-01:00), and the best window to
/// ping them in. An owner's shares are their counts smoothed towards the population's shares: the posterior mean
/// of a Dirichlet prior worth <c>strength</c> actions of the population's shape, so an owner with few actions
/// looks like everyone, and one with many like themselves.
/// </summary>
public static class HourOfWeekProfile
{
    public const int Hours = 168;

    /// <summary>The population's shares from its counts, each hour given one action more so none is zero.</summary>
    public static double[] PopulationShares(IReadOnlyList<long> counts)
    {
        var total = counts.Sum() + Hours;
        return [.. Enumerable.Range(0, Hours).Select(h => (counts[h] + 1.0) / total)];
    }

    /// <summary>An owner's shares: (count + strength x population share) / (actions + strength) per hour.</summary>
    public static double[] Shares(IReadOnlyList<long> counts, IReadOnlyList<double> population, double strength)
    {
        var total = counts.Sum() + strength;
        return total <= 0
            ? [.. Enumerable.Repeat(1.0 / Hours, Hours)]
            : [.. Enumerable.Range(0, Hours).Select(h => (counts[h] + (strength * population[h])) / total)];
    }

    /// <summary>
    /// The window of <paramref name="length"/> consecutive hours (wrapping round the week) with the largest share,
    /// among those starting at the <paramref name="candidates"/> hours of the week (every hour by default); the
    /// earliest of equals.
    /// </summary>
    public static (int Start, double Share) BestWindow(IReadOnlyList<double> shares, int length, IEnumerable<int>? candidates = null)
    {
        var (best, bestShare) = (-1, double.NegativeInfinity);
        foreach (var start in candidates ?? Enumerable.Range(0, Hours))
        {
            var share = 0.0;
            for (var h = 0; h < length; h++)
            {
                share += shares[(start + h) % Hours];
            }

            if (share > bestShare + 1e-12)
            {
                (best, bestShare) = (start, share);
            }
        }

        return (best, bestShare);
    }

    /// <summary>The UTC hour of the week of <paramref name="at"/>.</summary>
    public static int HourOfWeek(DateTimeOffset at) => Analytics.InsightSums.HourOfWeek(at);

    /// <summary>The start of the hour of the week <paramref name="hourOfWeek"/> in the week of <paramref name="at"/> (UTC, from Monday).</summary>
    public static DateTimeOffset StartInWeekOf(int hourOfWeek, DateTimeOffset at)
    {
        var hourStart = new DateTimeOffset(at.UtcDateTime.Date.AddHours(at.UtcDateTime.Hour), TimeSpan.Zero);
        return hourStart.AddHours(hourOfWeek - HourOfWeek(at));
    }

    /// <summary>The occurrence of the window starting at <paramref name="hourOfWeek"/> that has not ended by <paramref name="now"/>: its start and end.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) NextOccurrence(int hourOfWeek, int length, DateTimeOffset now)
    {
        var start = StartInWeekOf(hourOfWeek, now);
        while (start.AddHours(length) <= now)
        {
            start = start.AddDays(7);
        }

        while (start.AddDays(-7).AddHours(length) > now)
        {
            start = start.AddDays(-7);
        }

        return (start, start.AddHours(length));
    }
}
