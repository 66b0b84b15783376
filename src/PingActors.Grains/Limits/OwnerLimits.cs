using PingActors.Pings;

namespace PingActors.Limits;

/// <summary>
/// An owner's side of the limits, as a pure function of the pings their listings received and the time: how many
/// are pending (a busy owner takes no more for a while), how many new pings each listing took in the last 24 hours,
/// and whom the owner declined recently. The owner's grain holds one and admits a ping together with the sender's
/// grain: it reserves the ping here before the sender writes it, so concurrent senders can never push an owner
/// over a limit, and it drops a reservation the sender releases (or never confirms, see <see cref="OverdueReservations"/>).
/// </summary>
internal sealed class OwnerLimits
{
    private static readonly TimeSpan _day = TimeSpan.FromHours(24);

    private readonly Dictionary<Guid, PendingPing> _pending = [];
    private readonly Dictionary<Guid, DateTimeOffset> _unconfirmed = [];
    private readonly Dictionary<Guid, List<(Guid PingId, DateTimeOffset At)>> _newByListing = [];
    private readonly Dictionary<string, DateTimeOffset> _declined = new(StringComparer.Ordinal);

    /// <summary>The pings pending with this owner (reserved ones included).</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Whether <paramref name="policy"/> would refuse <paramref name="sender"/>'s ping to <paramref name="listingId"/> now, and why.</summary>
    public LimitRefusal? Check(LimitPolicy policy, string sender, Guid listingId, DateTimeOffset now)
    {
        ExpireDue(now);
        if (policy.DeclineBlock is { } block && _declined.TryGetValue(sender, out var declinedAt) && declinedAt + block > now)
        {
            return new LimitRefusal(LimitNames.Declined, declinedAt + block);
        }

        if (policy.OnePendingPerOwner && _pending.Values.Where(p => p.Sender == sender).Select(p => (DateTimeOffset?)p.ExpiresAt).Min() is { } ownExpiry)
        {
            return new LimitRefusal(LimitNames.OnePerOwner, ownExpiry);
        }

        if (policy.OwnerMaxPending is { } maxPending && _pending.Count >= maxPending)
        {
            return new LimitRefusal(LimitNames.Owner, _pending.Values.Min(p => p.ExpiresAt));
        }

        if (policy.ListingMaxPer24Hours is { } maxNew && NewInLastDay(listingId, now) is { Count: var count } recent && count >= maxNew)
        {
            return new LimitRefusal(LimitNames.Listing, recent[count - maxNew].At + _day);
        }

        return null;
    }

    /// <summary>Holds a place for a ping the sender is about to write; it counts at once, until released.</summary>
    public void Reserve(PendingPing ping, DateTimeOffset confirmBy)
    {
        _pending[ping.PingId] = ping;
        _unconfirmed[ping.PingId] = confirmBy;
        Recent(ping.ListingId).Add((ping.PingId, ping.SentAt));
    }

    /// <summary>The ping was written: its place is no longer a reservation.</summary>
    public void Confirm(Guid pingId) => _unconfirmed.Remove(pingId);

    /// <summary>The ping was not written: its place is free again.</summary>
    public void Release(Guid pingId)
    {
        _unconfirmed.Remove(pingId);
        if (_pending.Remove(pingId, out var ping) && _newByListing.TryGetValue(ping.ListingId, out var recent))
        {
            recent.RemoveAll(r => r.PingId == pingId);
        }
    }

    /// <summary>Applies an outcome of a pending ping (once); a decline blocks its sender for a while.</summary>
    public bool Closed(PingClosed closed)
    {
        _unconfirmed.Remove(closed.PingId);
        if (!_pending.Remove(closed.PingId, out var ping))
        {
            return false;
        }

        if (closed.Status == PingStatus.Declined)
        {
            Declined(ping.Sender, closed.At);
        }

        return true;
    }

    /// <summary>Whether a reservation was neither confirmed nor released in time: the owner then reloads the truth.</summary>
    public bool OverdueReservations(DateTimeOffset now) => _unconfirmed.Values.Any(deadline => deadline <= now);

    /// <summary>The reservations still in time: their pings may yet be written, so a reload must keep them.</summary>
    public IReadOnlyList<(PendingPing Ping, DateTimeOffset ConfirmBy)> ReservationsInTime(DateTimeOffset now) =>
        [.. _unconfirmed.Where(u => u.Value > now && _pending.ContainsKey(u.Key)).Select(u => (_pending[u.Key], u.Value))];

    /// <summary>From the history: a pending ping.</summary>
    public void Pending(PendingPing ping) => _pending[ping.PingId] = ping;

    /// <summary>From the history: a ping a listing took (for the 24-hour count).</summary>
    public void Took(Guid pingId, Guid listingId, DateTimeOffset at) => Recent(listingId).Add((pingId, at));

    /// <summary>From the history, or live: the owner declined <paramref name="sender"/> at <paramref name="at"/>.</summary>
    public void Declined(string sender, DateTimeOffset at)
    {
        if (!_declined.TryGetValue(sender, out var last) || last < at)
        {
            _declined[sender] = at;
        }
    }

    private void ExpireDue(DateTimeOffset now)
    {
        foreach (var due in _pending.Values.Where(p => p.ExpiresAt <= now).Select(p => p.PingId).ToList())
        {
            _pending.Remove(due);
            _unconfirmed.Remove(due);
        }
    }

    private List<(Guid PingId, DateTimeOffset At)> NewInLastDay(Guid listingId, DateTimeOffset now)
    {
        var recent = Recent(listingId);
        recent.RemoveAll(r => r.At <= now - _day);
        recent.Sort((a, b) => a.At.CompareTo(b.At));
        return recent;
    }

    private List<(Guid PingId, DateTimeOffset At)> Recent(Guid listingId)
    {
        if (!_newByListing.TryGetValue(listingId, out var recent))
        {
            recent = [];
            _newByListing[listingId] = recent;
        }

        return recent;
    }
}
