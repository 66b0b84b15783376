using System.Globalization;

namespace PingActors.Limits;

/// <summary>A sender's allowance and every rule that applies to them now, in the words a client can show.</summary>
internal static class AllowanceReport
{
    public static Allowance Describe(SenderLimits limits, LimitPolicy policy, AllowanceDay day, DateTimeOffset now)
    {
        limits.ExpireDue(now, policy);
        var cap = limits.CapUnder(policy);
        var (remaining, resetAt, _) = limits.Allowance(policy, PolicyRole.Enforced, day, now);
        var adminCooldown = limits.AdminCooldownUntil > now ? limits.AdminCooldownUntil : null;
        var adaptiveCooldown = limits.Streak.CooldownUntil(policy) is { } adaptive && adaptive > now ? adaptive : (DateTimeOffset?)null;
        var rules = new List<LimitRule>
        {
            new(LimitNames.Daily, cap, remaining, resetAt, policy.Allowance == AllowanceMode.TokenBucket
                ? Invariant($"Up to {cap} pings, refilling continuously: the whole {cap} every 24 hours ({limits.Tier} sender).")
                : Invariant($"Up to {cap} pings a day, all back when the day resets ({limits.Tier} sender).")),
        };
        if (adminCooldown is { } until)
        {
            rules.Add(new(LimitNames.Cooldown, null, 0, until, "An admin paused your pings until then."));
        }

        if (policy.AdaptiveCooldownAfter is { } after)
        {
            rules.Add(new(LimitNames.AdaptiveCooldown, after, adaptiveCooldown is null ? Math.Max(0, after - limits.Streak.Count) : 0, adaptiveCooldown,
                Invariant($"After {after} pings in a row that expire or are declined, a pause starts ({policy.AdaptiveCooldownBase.TotalMinutes:0} minutes, doubling with each more, at most {policy.AdaptiveCooldownMax.TotalHours:0} hours); any answer ends the streak.")));
        }

        if (policy.MaxPending is { } maxPending)
        {
            var firstExpiry = limits.Pending.Count == 0 ? (DateTimeOffset?)null : limits.Pending.Values.Min(p => p.ExpiresAt);
            rules.Add(new(LimitNames.Pending, maxPending, Math.Max(0, maxPending - limits.Pending.Count), firstExpiry,
                Invariant($"At most {maxPending} of your pings pending at once; a place frees when one is answered, withdrawn or expires.")));
        }

        if (policy.OwnerMaxPending is { } ownerMax)
        {
            rules.Add(new(LimitNames.Owner, ownerMax, null, null, Invariant($"An owner whose listings hold {ownerMax} pending pings takes no more for a while.")));
        }

        if (policy.ListingMaxPer24Hours is { } listingMax)
        {
            rules.Add(new(LimitNames.Listing, listingMax, null, null, Invariant($"A listing takes at most {listingMax} new pings in any 24 hours.")));
        }

        if (policy.DeclineBlock is { } block)
        {
            var blocking = limits.DeclinedBy.Values.Where(at => at + block > now).ToList();
            rules.Add(new(LimitNames.Declined, null, null, blocking.Count == 0 ? null : blocking.Max() + block,
                Invariant($"After an owner declines you, you may not ping them for {block.TotalDays:0} days ({blocking.Count} owner(s) now).")));
        }

        if (policy.OnePendingPerOwner)
        {
            rules.Add(new(LimitNames.OnePerOwner, 1, null, null, "At most one pending ping per owner."));
        }

        return new Allowance(cap, day.Sent, resetAt, Latest(adminCooldown, adaptiveCooldown), remaining, limits.Tier, rules);
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a > b || b is null ? a : b;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
