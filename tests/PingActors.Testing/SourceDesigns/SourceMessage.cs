namespace PingActors.Testing.SourceDesigns;

/// <summary>A row of the source's <c>messages</c>.</summary>
public sealed record SourceMessage(Guid Id, Guid ChatId, string Sender, string Text, DateTimeOffset CreatedAt);
