namespace PingActors.History;

/// <summary>
/// Everything one grain turn changes in the history, written all-or-nothing: the chat row (created, or moved
/// on, or marked read), a new ping, a ping that left pending, a new message, a user's limits, and the events that
/// record it all. Every write carries at least one event: the writer finds out by its first event whether a write
/// whose connection broke was stored.
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
    IReadOnlyList<PingEvent> Events,
    UserLimitsRow? Limits = null)
{
    /// <summary>A change of a user's limits, with its <c>limits.changed</c> event.</summary>
    public static ChatWrite ForLimits(UserLimitsRow limits) =>
        new(null, CreatesChat: false, null, null, null, [PingEvent.LimitsChanged(limits.Username, limits.ChangedAt)], limits);
}
