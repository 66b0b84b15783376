namespace PingActors.Limits;

/// <summary>
/// The outcomes of a sender's most recent closed pings (answered or not), and the tier they earn: re-evaluated at
/// most once a day, smoothed towards the prior, with stricter thresholds to enter a tier than to stay in it.
/// </summary>
internal sealed class TierWindow
{
    private readonly Queue<bool> _answered = new();

    public void Add(bool answered, int window)
    {
        _answered.Enqueue(answered);
        while (_answered.Count > Math.Max(window, 1))
        {
            _answered.Dequeue();
        }
    }

    /// <summary>Closed pings counted, and how many of them were answered.</summary>
    public (int Closed, int Answered) Counts => (_answered.Count, _answered.Count(a => a));

    /// <summary>The tier a sender now in <paramref name="current"/> earns under <paramref name="rules"/>.</summary>
    public TrustTier Evaluate(TrustTier current, TierRules? rules)
    {
        if (rules is null)
        {
            return TrustTier.Standard;
        }

        var (closed, answered) = Counts;
        if (closed < rules.MinPings)
        {
            return current;
        }

        var rate = (answered + rules.PriorAnswered) / (closed + rules.PriorPings);
        return current switch
        {
            TrustTier.Trusted when rate >= rules.TrustedKeepAbove => TrustTier.Trusted,
            TrustTier.Restricted when rate <= rules.RestrictedKeepBelow => TrustTier.Restricted,
            _ when rate >= rules.TrustAbove => TrustTier.Trusted,
            _ when rate <= rules.RestrictBelow => TrustTier.Restricted,
            _ => TrustTier.Standard,
        };
    }
}
