namespace PingActors.Testing.SourceDesigns;

/// <summary>A source row the import cannot bring across, and the reason it must give.</summary>
/// <param name="SourceTable">The source table, e.g. <c>pings</c>.</param>
/// <param name="SourceKey">The row's key as text: its id, or a username.</param>
/// <param name="Reason">The reason's slug, e.g. <c>invalid-username</c>.</param>
public sealed record LeftBehind(string SourceTable, string SourceKey, string Reason);
