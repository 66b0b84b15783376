namespace PingActors.Testing.SourceDesigns;

/// <summary>A message as PingActors must show it after the import, in its chat's order.</summary>
public sealed record ExpectedMessage(string Sender, string Text, DateTimeOffset CreatedAt);
