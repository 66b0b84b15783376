namespace PingActors.Testing.SourceDesigns;

/// <summary>A ping as PingActors must show it after the import.</summary>
/// <param name="Status">As the API writes it: <c>pending</c>, <c>responded</c>, <c>declined</c>, <c>withdrawn</c> or <c>expired</c>.</param>
/// <param name="FirstResponseAt">The receiver's first response, when the source knows it.</param>
/// <param name="ResponseTimeMinutes">Whole minutes from the ping to its first response.</param>
/// <param name="ResponseMessage">The text of a response.</param>
public sealed record ExpectedPing(
    Guid PingId,
    Guid ListingId,
    string Sender,
    string Receiver,
    string Message,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FirstResponseAt,
    int? ResponseTimeMinutes,
    string? ResponseMessage);
