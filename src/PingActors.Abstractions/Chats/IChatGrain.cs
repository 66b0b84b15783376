using Orleans.Concurrency;
using PingActors.Pings;

namespace PingActors.Chats;

/// <summary>
/// One chat, keyed by <see cref="ChatId.For"/>. All of its messages pass through it one at a time, which is
/// what keeps <c>seq</c> gap-free; it is also the one authority on the status of the chat's pings.
/// </summary>
[Alias("pingactors.IChatGrain")]
public interface IChatGrain : IGrainWithGuidKey
{
    /// <summary>Opens a ping the sender's grain has admitted; the chat is created with its first ping.</summary>
    Task<OpenPingResult> OpenPingAsync(OpenPing ping);

    /// <summary>Reads the chat as <paramref name="viewer"/> sees it; <see langword="null"/> unless they are in it.</summary>
    Task<Chat?> GetAsync(string viewer);

    /// <summary>Posts a message. A repeated <paramref name="clientMessageId"/> from the same author returns the first message.</summary>
    Task<PostMessageResult> PostMessageAsync(string author, string text, string? clientMessageId);

    /// <summary>Reads up to <paramref name="limit"/> messages after <paramref name="afterSeq"/>; <see langword="null"/> unless the viewer is in the chat.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ChatMessage>?> GetMessagesAsync(string viewer, long afterSeq, int limit);

    /// <summary>Moves the viewer's read cursor forward to <paramref name="seq"/>.</summary>
    Task<MarkReadResult> MarkReadAsync(string viewer, long seq);

    /// <summary>Reads one of the chat's pings; <see langword="null"/> unless the viewer is in the chat.</summary>
    Task<Ping?> GetPingAsync(string viewer, Guid pingId);

    /// <summary>The receiver answers a pending ping with a message.</summary>
    Task<PingActionResult> RespondAsync(string responder, Guid pingId, string message);

    /// <summary>The receiver declines a pending ping.</summary>
    Task<PingActionResult> DeclineAsync(string responder, Guid pingId);

    /// <summary>The sender takes back a pending ping.</summary>
    Task<PingActionResult> WithdrawAsync(string sender, Guid pingId);

    /// <summary>Stores the expiry of the chat's pending ping if it is past its time; whether it did.</summary>
    Task<bool> ExpireDueAsync();
}
