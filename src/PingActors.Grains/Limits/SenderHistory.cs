using PingActors.Pings;

namespace PingActors.Limits;

/// <summary>
/// Rebuilds a sender's limits from their recent pings: what is still pending, the outcomes in the order they came
/// (the unanswered streak, the tier's window, the owners who declined), and the allowance from the tokens stored with
/// the latest ping plus the answers that came after it. So a sender's grain needs no state write per ping.
/// </summary>
internal static class SenderHistory
{
    /// <summary>Replays <paramref name="newestFirst"/> into <paramref name="limits"/> (admin settings and tier already set).</summary>
    public static void Replay(SenderLimits limits, string sender, IReadOnlyList<SentPingRecord> newestFirst, LimitPolicy enforced, DateTimeOffset now)
    {
        foreach (var ping in newestFirst)
        {
            limits.Sent(new PendingPing(ping.PingId, sender, ping.Owner, ping.ListingId, ping.CreatedAt, ping.ExpiresAt));
        }

        var outcomes = newestFirst
            .Where(p => p.Status != PingStatus.Pending)
            .Select(p => new PingClosed(p.PingId, p.Status, p.ClosedAt ?? p.ExpiresAt))
            .OrderBy(c => c.At)
            .ToList();
        var latest = newestFirst.Count > 0 ? newestFirst[0] : null;
        var restoredAt = latest?.CreatedAt ?? DateTimeOffset.MinValue;
        foreach (var outcome in outcomes.Where(o => o.At <= restoredAt))
        {
            limits.Closed(outcome, enforced, shadow: null);
        }

        var cap = limits.CapUnder(enforced);
        limits.RestoreBucket(latest switch
        {
            { BucketTokens: { } tokens } => new TokenBucket(tokens, latest.CreatedAt),
            // Pings stored before buckets were: count the last day's pings against a full bucket.
            null => TokenBucket.Full(cap, now),
            _ => new TokenBucket(Math.Max(0, cap - newestFirst.Count(p => p.CreatedAt > now - TokenBucket.RefillPeriod)), now),
        }, cap);
        foreach (var outcome in outcomes.Where(o => o.At > restoredAt))
        {
            limits.Closed(outcome, enforced, shadow: null);
        }

        limits.ExpireDue(now, enforced);
    }
}
