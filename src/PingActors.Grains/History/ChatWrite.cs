namespace PingActors.History;

/// <summary>
/// Everything one grain turn changes in the history, written all-or-nothing: the chat row (created, or moved
/// on), a new ping, a ping that left pending, a new message, and the events that record it all.
/// </summary>
/// <param name="CreatesChat">
/// The write opens a chat that did not exist when it was decided. If the chat exists by the time it is
/// written, nothing of the write is stored and the writer says so: the caller then asks the chat's grain.
/// </param>
internal sealed record ChatWrite(
    ChatRow? Chat,
    bool CreatesChat,
    PingRow? NewPing,
    PingRow? ClosedPing,
    MessageRow? Message,
    IReadOnlyList<PingEvent> Events);
