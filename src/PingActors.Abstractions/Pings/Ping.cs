namespace PingActors.Pings;

/// <summary>A sender's contact request for one listing, as its sender and receiver see it.</summary>
/// <param name="PingId">The ping's id, chosen by the caller that sent it.</param>
/// <param name="ListingId">The listing the ping is about.</param>
/// <param name="ChatId">The chat the ping opened (or reused).</param>
/// <param name="MessageId">The chat message that carries the ping's text.</param>
/// <param name="Sender">Who sent it.</param>
/// <param name="Receiver">The listing's owner.</param>
/// <param name="Message">The ping's text.</param>
/// <param name="Status">The status now; a pending ping past <paramref name="ExpiresAt"/> reads as expired.</param>
/// <param name="CreatedAt">When it was sent.</param>
/// <param name="ExpiresAt">When it expires unless the receiver acts.</param>
/// <param name="FirstResponseAt">The receiver's first reaction: a message, a response or a decline.</param>
/// <param name="RespondedAt">When the receiver answered with a message.</param>
/// <param name="ResponseTimeMinutes">Whole minutes from <paramref name="CreatedAt"/> to <paramref name="FirstResponseAt"/>.</param>
/// <param name="ResponseMessage">The receiver's answer.</param>
[GenerateSerializer, Immutable, Alias("pingactors.ping")]
public record Ping(
    Guid PingId,
    Guid ListingId,
    Guid ChatId,
    Guid MessageId,
    string Sender,
    string Receiver,
    string Message,
    PingStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? FirstResponseAt,
    DateTimeOffset? RespondedAt,
    int? ResponseTimeMinutes,
    string? ResponseMessage);
