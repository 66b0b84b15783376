using PingActors.Pings;

namespace PingActors.Limits;

/// <summary>
/// A sender's side of the limits, as a pure function of what happened to their pings and the time: the allowance
/// (a token bucket, or the daily window), credits back for answered pings, the pings still pending (reply debt),
/// the adaptive cooldown, the trust tier, and an admin's cap and cooldown. The sender's grain holds one, feeds it
/// the pings it admits and the outcomes it hears of, and asks it before each ping; the simulation drives the same
/// class. It keeps a bucket for the enforced policy and one for the policy in shadow, each with its own cap.
/// </summary>
internal sealed class SenderLimits
{
    private readonly Dictionary<Guid, PendingPing> _pending = [];
    private readonly Dictionary<string, DateTimeOffset> _declinedBy = new(StringComparer.Ordinal);
    private readonly List<DateTimeOffset> _credits = [];
    private readonly UnansweredStreak _streak = new();
    private readonly TierWindow _window = new();
    private readonly TokenBucket?[] _buckets = new TokenBucket?[2];
    private readonly int[] _bucketCaps = new int[2];

    /// <summary>The sender's trust tier.</summary>
    public TrustTier Tier { get; private set; }

    /// <summary>When the tier was last evaluated.</summary>
    public DateTimeOffset? TierEvaluatedAt { get; private set; }

    /// <summary>An admin's cap for this sender, whatever the tier.</summary>
    public int? AdminCap { get; set; }

    /// <summary>An admin's cooldown for this sender.</summary>
    public DateTimeOffset? AdminCooldownUntil { get; set; }

    /// <summary>The pings still pending, by id.</summary>
    public IReadOnlyDictionary<Guid, PendingPing> Pending => _pending;

    /// <summary>The streak of unanswered pings behind the adaptive cooldown.</summary>
    public UnansweredStreak Streak => _streak;

    /// <summary>The owners who declined this sender, with when they last did.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> DeclinedBy => _declinedBy;

    /// <summary>The sender's cap under <paramref name="policy"/>.</summary>
    public int CapUnder(LimitPolicy policy) => AdminCap ?? policy.CapOf(Tier);

    /// <summary>Sets the tier (as stored) and when it was evaluated.</summary>
    public void SetTier(TrustTier tier, DateTimeOffset? evaluatedAt) => (Tier, TierEvaluatedAt) = (tier, evaluatedAt);

    /// <summary>Whether <paramref name="policy"/> (in <paramref name="role"/>) would refuse a ping at <paramref name="now"/>, and why.</summary>
    public LimitRefusal? Check(LimitPolicy policy, PolicyRole role, AllowanceDay day, DateTimeOffset now)
    {
        ExpireDue(now, policy);
        if (AdminCooldownUntil is { } until && until > now)
        {
            return new LimitRefusal(LimitNames.Cooldown, until);
        }

        if (_streak.CooldownUntil(policy) is { } adaptive && adaptive > now)
        {
            return new LimitRefusal(LimitNames.AdaptiveCooldown, adaptive);
        }

        var (remaining, _, retryAt) = Allowance(policy, role, day, now);
        if (remaining < 1)
        {
            // A cap of 0 is lifted by no time, only by an admin: no retry time.
            return new LimitRefusal(LimitNames.Daily, CapUnder(policy) > 0 ? retryAt : null);
        }

        if (policy.MaxPending is { } max && _pending.Count >= max)
        {
            return new LimitRefusal(LimitNames.Pending, _pending.Values.Min(p => p.ExpiresAt));
        }

        return null;
    }

    /// <summary>
    /// What is left of the allowance at <paramref name="now"/>: whole pings, when it is whole again (the bucket full,
    /// or the day over), and when the next ping is allowed if none is now.
    /// </summary>
    public (int Remaining, DateTimeOffset ResetAt, DateTimeOffset? RetryAt) Allowance(LimitPolicy policy, PolicyRole role, AllowanceDay day, DateTimeOffset now)
    {
        var cap = CapUnder(policy);
        if (policy.Allowance == AllowanceMode.FixedWindow)
        {
            var credits = policy.CreditBack ? _credits.Count(c => c >= day.Start && c < day.End) : 0;
            var remaining = Math.Clamp(cap - day.Sent + credits, 0, cap);
            return (remaining, day.End, remaining < 1 ? day.End : null);
        }

        var bucket = BucketAt(role, cap, now);
        return (bucket.Whole, bucket.When(cap, cap) ?? now, bucket.Whole < 1 ? bucket.When(1, cap) : null);
    }

    /// <summary>Records an admitted ping; returns the enforced bucket's tokens right after it (stored with the ping).</summary>
    public double Admitted(PendingPing ping, LimitPolicy enforced, LimitPolicy? shadow)
    {
        _pending[ping.PingId] = ping;
        if (shadow is not null)
        {
            Take(PolicyRole.Shadow, CapUnder(shadow), ping.SentAt, 1);
        }

        return Take(PolicyRole.Enforced, CapUnder(enforced), ping.SentAt, 1).Tokens;
    }

    /// <summary>
    /// Applies an outcome of a pending ping (once: an outcome of a ping that is not pending here changes nothing):
    /// an answer gives the ping back and ends the unanswered streak; a decline or an expiry lengthens the streak.
    /// </summary>
    public bool Closed(PingClosed closed, LimitPolicy enforced, LimitPolicy? shadow)
    {
        ExpireDue(closed.At, enforced);
        if (!_pending.Remove(closed.PingId, out var ping))
        {
            return false;
        }

        switch (closed.Status)
        {
            case PingStatus.Responded:
                _streak.Answered();
                _window.Add(true, enforced.Tiers?.Window ?? 0);
                _credits.Add(closed.At);
                _credits.RemoveAll(c => c < closed.At - TimeSpan.FromDays(2));
                if (enforced.CreditBack)
                {
                    Take(PolicyRole.Enforced, CapUnder(enforced), closed.At, -1);
                }

                if (shadow is { CreditBack: true })
                {
                    Take(PolicyRole.Shadow, CapUnder(shadow), closed.At, -1);
                }

                break;
            case PingStatus.Declined:
                _declinedBy[ping.Owner] = closed.At;
                Unanswered(closed.At, enforced);
                break;
            case PingStatus.Expired:
                Unanswered(ping.ExpiresAt, enforced);
                break;
        }

        return true;
    }

    /// <summary>
    /// The tier the sender earns now, if a day has passed since it was last evaluated (else <see langword="null"/>):
    /// the caller stores a changed tier, then calls <see cref="SetTier"/>.
    /// </summary>
    public TrustTier? TierDue(TierRules? rules, DateTimeOffset now) =>
        TierEvaluatedAt is { } last && now - last < TimeSpan.FromDays(1) ? null : _window.Evaluate(Tier, rules);

    /// <summary>Starts the enforced bucket, of <paramref name="cap"/>, from a stored reading (the tokens left right after the sender's latest ping).</summary>
    public void RestoreBucket(TokenBucket bucket, int cap) => (_buckets[(int)PolicyRole.Enforced], _bucketCaps[(int)PolicyRole.Enforced]) = (bucket, cap);

    /// <summary>From the history: a ping the sender sent (it is pending until its outcome is replayed).</summary>
    public void Sent(PendingPing ping) => _pending[ping.PingId] = ping;

    /// <summary>
    /// The tokens the enforced bucket would hold right after admitting a ping at <paramref name="now"/>; nothing
    /// changes until <see cref="Admitted"/>.
    /// </summary>
    public double TokensAfterAdmission(LimitPolicy enforced, DateTimeOffset now)
    {
        var cap = CapUnder(enforced);
        return BucketAt(PolicyRole.Enforced, cap, now).Take(1, cap).Tokens;
    }

    /// <summary>Forgets the shadow bucket (the policy in shadow changed): it starts again from the enforced one.</summary>
    public void ResetShadow() => _buckets[(int)PolicyRole.Shadow] = null;

    private void Unanswered(DateTimeOffset at, LimitPolicy policy)
    {
        _streak.Unanswered(at);
        _window.Add(false, policy.Tiers?.Window ?? 0);
    }

    /// <summary>Pings past their expiry are expired whether or not the sweeper has stored it yet.</summary>
    public void ExpireDue(DateTimeOffset now, LimitPolicy policy)
    {
        // Every check of every ping comes here, and nearly always nothing is due: look before sorting anything.
        List<PendingPing>? due = null;
        foreach (var ping in _pending.Values)
        {
            if (ping.ExpiresAt <= now)
            {
                (due ??= []).Add(ping);
            }
        }

        if (due is null)
        {
            return;
        }

        // Oldest first; pings due at the same instant count the same, so their order among themselves does not matter.
        due.Sort(static (a, b) => a.ExpiresAt.CompareTo(b.ExpiresAt));
        foreach (var ping in due)
        {
            _pending.Remove(ping.PingId);
            Unanswered(ping.ExpiresAt, policy);
        }
    }

    /// <summary>
    /// The bucket of <paramref name="role"/> at <paramref name="now"/>. When its cap changed (an admin's limit, a new
    /// tier, another policy), what was used stays used: the tokens move by the change, within 0 and the new cap.
    /// </summary>
    private TokenBucket BucketAt(PolicyRole role, int cap, DateTimeOffset now)
    {
        var index = (int)role;
        var bucket = _buckets[index];
        var bucketCap = _bucketCaps[index];
        if (bucket is null && role == PolicyRole.Shadow)
        {
            (bucket, bucketCap) = (_buckets[(int)PolicyRole.Enforced], _bucketCaps[(int)PolicyRole.Enforced]);
        }

        if (bucket is not { } current)
        {
            return TokenBucket.Full(cap, now);
        }

        var refilled = current.Refill(bucketCap, now);
        return cap == bucketCap ? refilled : refilled with { Tokens = Math.Clamp(refilled.Tokens + cap - bucketCap, 0, cap) };
    }

    private TokenBucket Take(PolicyRole role, int cap, DateTimeOffset at, double tokens)
    {
        var bucket = BucketAt(role, cap, at).Take(tokens, cap);
        (_buckets[(int)role], _bucketCaps[(int)role]) = (bucket, cap);
        return bucket;
    }
}
