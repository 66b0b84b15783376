namespace PingActors.Testing.SourceDesigns;

/// <summary>A row of the source's <c>pings</c>.</summary>
public sealed record SourcePing(
    Guid Id,
    string Sender,
    string Receiver,
    Guid? ListingId,
    string Message,
    string? Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int? ResponseTimeMinutes,
    int PingCount);
