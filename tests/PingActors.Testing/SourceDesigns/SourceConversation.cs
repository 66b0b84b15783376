namespace PingActors.Testing.SourceDesigns;

/// <summary>
/// One sender and one listing's owner in the source (their pings, the chat rows their calls created, the
/// messages), with what PingActors must make of them: the chat, or the rows it must leave behind and why.
/// </summary>
public sealed record SourceConversation(
    IReadOnlyList<SourceChat> Chats,
    IReadOnlyList<SourcePing> Pings,
    IReadOnlyList<SourceMessage> Messages,
    ExpectedChat? Expected,
    IReadOnlyList<LeftBehind> LeftBehind)
{
    /// <summary>Rows that belong to no conversation (a message whose chat is missing), with their reasons.</summary>
    public static SourceConversation Orphans(IReadOnlyList<SourceMessage> messages, IReadOnlyList<LeftBehind> leftBehind) =>
        new([], [], messages, null, leftBehind);
}
