namespace PingActors.Users;

/// <summary>The pings one sender sent on one allowance day: their count is what the allowance spends.</summary>
internal sealed class AllowanceLedger(DateOnly day)
{
    private HashSet<Guid>? _pingIds;

    public DateOnly Day => day;

    public int Count => _pingIds?.Count ?? 0;

    /// <summary>The highest allowance seq used today; the next ping takes the one after it.</summary>
    public int LastSeq { get; private set; }

    public bool Contains(Guid pingId) => _pingIds?.Contains(pingId) == true;

    public void Record(Guid pingId, int seq)
    {
        (_pingIds ??= []).Add(pingId);
        LastSeq = Math.Max(LastSeq, seq);
    }
}
