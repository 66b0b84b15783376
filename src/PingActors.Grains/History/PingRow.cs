using PingActors.Pings;

namespace PingActors.History;

/// <summary>
/// A ping's row in <c>pings</c>. Transitions return a new row; only a pending ping has any. <see cref="BucketTokens"/>
/// and <see cref="ShadowRefusal"/> are written with a new ping for the limits and read only by the sender's history.
/// </summary>
internal sealed record PingRow(
    Guid PingId,
    Guid ChatId,
    Guid ListingId,
    string Sender,
    string Receiver,
    Guid MessageId,
    string Message,
    PingStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateOnly AllowanceDay,
    int AllowanceSeq,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? RespondedAt,
    DateTimeOffset? ClosedAt,
    string? ResponseMessage,
    double? BucketTokens = null,
    string? ShadowRefusal = null)
{
    /// <summary>Whether the ping is pending at <paramref name="now"/>: not closed and not past its expiry.</summary>
    public bool IsPendingAt(DateTimeOffset now) => Status == PingStatus.Pending && now < ExpiresAt;

    /// <summary>Whether the ping is stored as pending but has passed its expiry.</summary>
    public bool IsDueToExpireAt(DateTimeOffset now) => Status == PingStatus.Pending && now >= ExpiresAt;

    public bool IsParty(string user) => user == Sender || user == Receiver;

    public PingRow Responded(DateTimeOffset at, string message) => this with
    {
        Status = PingStatus.Responded,
        FirstResponseAt = FirstResponseAt ?? at,
        RespondedAt = at,
        ClosedAt = at,
        ResponseMessage = message,
    };

    public PingRow Declined(DateTimeOffset at) => this with
    {
        Status = PingStatus.Declined,
        FirstResponseAt = FirstResponseAt ?? at,
        ClosedAt = at,
    };

    public PingRow Withdrawn(DateTimeOffset at) => this with { Status = PingStatus.Withdrawn, ClosedAt = at };

    /// <summary>The ping expired at its expiry time, whenever it is noticed.</summary>
    public PingRow Expired() => this with { Status = PingStatus.Expired, ClosedAt = ExpiresAt };

    /// <summary>The ping as its parties see it at <paramref name="now"/>: a pending ping past its expiry reads as expired.</summary>
    public Ping ToPing(DateTimeOffset now) => new(
        PingId,
        ListingId,
        ChatId,
        MessageId,
        Sender,
        Receiver,
        Message,
        IsDueToExpireAt(now) ? PingStatus.Expired : Status,
        CreatedAt,
        ExpiresAt,
        FirstResponseAt,
        RespondedAt,
        FirstResponseAt is { } first ? (int)(first - CreatedAt).TotalMinutes : null,
        ResponseMessage);
}
