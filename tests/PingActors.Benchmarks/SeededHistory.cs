namespace PingActors.Benchmarks;

/// <summary>The history a run starts from, as the measures that read it need it.</summary>
/// <param name="MemoryChats">The chats the memory figure activates, each with its owner, who reads it.</param>
/// <param name="LongChat">The chat of <see cref="LongChatSender"/>, as long as the plan's history.</param>
internal sealed record SeededHistory(IReadOnlyList<(Guid ChatId, string Owner)> MemoryChats, Guid LongChat)
{
    /// <summary>The sender of the long chat.</summary>
    public const string LongChatSender = "long-chat-sender";

    /// <summary>A sender with as many pings in history as the plan says.</summary>
    public const string LongServingUser = "long-serving-user";
}
