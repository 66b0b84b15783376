using PingActors.Chats;
using PingActors.Pings;

namespace PingActors.Storage;

/// <summary>
/// Everything one chat-grain turn changes, written all-or-nothing: the chat row (created or moved on), a new
/// ping, a ping that left pending, a new message, and the events that record it all.
/// </summary>
internal sealed record ChatWrite(
    ChatRow? Chat,
    PingRow? NewPing,
    PingRow? ClosedPing,
    MessageRow? Message,
    IReadOnlyList<PingEvent> Events);
