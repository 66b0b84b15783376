using PingActors.History;

namespace PingActors.Chats;

/// <summary>What a <see cref="ChatModel"/> decided: the outcome, the rows to write (if any), and the ping or message it concerns.</summary>
internal readonly record struct ChatDecision<TOutcome>(
    TOutcome Outcome,
    ChatWrite? Write = null,
    PingRow? Ping = null,
    MessageRow? Message = null);
