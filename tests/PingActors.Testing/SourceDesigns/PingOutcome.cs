namespace PingActors.Testing.SourceDesigns;

/// <summary>
/// How one generated ping went: what the source stores for it and what PingActors must show.
/// <see cref="ExpectedStatus"/> is null for a ping the import must leave behind.
/// </summary>
internal sealed record PingOutcome(
    string Text,
    DateTimeOffset At,
    string? SourceStatus,
    string? ExpectedStatus,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResponseAt = null,
    string? Reply = null)
{
    /// <summary>Whole minutes to the response, as the source stores them.</summary>
    public int? ResponseTimeMinutes => ResponseAt is { } at ? (int)Math.Floor((at - At).TotalMinutes) : null;

    /// <summary>When the ping stopped being pending, or null while it is.</summary>
    public DateTimeOffset? ClosedAt => SourceStatus == "pending" ? null : UpdatedAt;

    public static PingOutcome Pending(string text, DateTimeOffset at) => new(text, at, "pending", "pending", at);

    public static PingOutcome Responded(string text, DateTimeOffset at, DateTimeOffset answered, string reply) =>
        new(text, at, "responded", "responded", answered, answered, reply);
}
