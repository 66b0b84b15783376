namespace PingActors.Chats;

/// <summary>The sender's grain asking a chat to open a ping it has already admitted.</summary>
/// <param name="PingId">The ping's id.</param>
/// <param name="ListingId">The listing.</param>
/// <param name="Owner">The listing's owner, who receives the ping.</param>
/// <param name="Sender">Who sends it.</param>
/// <param name="Message">The normalized text.</param>
/// <param name="At">When it was admitted.</param>
/// <param name="ExpiresAt">When it expires unless the receiver acts.</param>
/// <param name="AllowanceDay">The sender's allowance day it counts against.</param>
/// <param name="AllowanceSeq">Its place in that day's allowance.</param>
/// <param name="BucketTokens">What the sender's allowance holds right after this ping, stored with it.</param>
/// <param name="ShadowRefusal">The rule by which the policy in shadow would have refused this ping, if any.</param>
[GenerateSerializer, Immutable, Alias("pingactors.open-ping")]
public sealed record OpenPing(
    Guid PingId,
    Guid ListingId,
    string Owner,
    string Sender,
    string Message,
    DateTimeOffset At,
    DateTimeOffset ExpiresAt,
    DateOnly AllowanceDay,
    int AllowanceSeq,
    double? BucketTokens = null,
    string? ShadowRefusal = null);
