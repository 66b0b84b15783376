using PingActors.History;
using PingActors.References;

namespace PingActors.Chats;

/// <summary>
/// Where pings open their chats. A chat is born with its first ping, and most pings open a new chat: writing that
/// ping needs no chat grain (no activation, no read of a chat that is not there). Its rows (<see cref="ChatModel.FirstPing"/>)
/// go out in one write that stores nothing if the chat exists after all, and only then does the chat's grain
/// decide. The chat's grain creates its chat through here too, so a chat's rows are written only here (its first
/// ping) and by <see cref="ChatGrain"/> (everything after it), always by <see cref="ChatModel"/>'s rules.
/// </summary>
public sealed class ChatOpener(HistoryWriter writer, IGrainFactory grains)
{
    /// <summary>Opens a ping the sender's grain admitted: in a new chat, or through the chat's grain if the chat exists.</summary>
    public async Task<OpenPingResult> OpenAsync(OpenPing ping)
    {
        var chatId = ChatId.For(ping.ListingId, ping.Sender);
        return await TryCreateAsync(chatId, ping) is { } created
            ? new OpenPingResult(OpenPingOutcome.Opened, created.NewPing!.ToPing(ping.At))
            : await grains.Reference<IChatGrain>(chatId).OpenPingAsync(ping);
    }

    /// <summary>Creates the chat with <paramref name="ping"/> as its first; <see langword="null"/> (nothing written) if it exists already.</summary>
    internal async Task<ChatWrite?> TryCreateAsync(Guid chatId, OpenPing ping)
    {
        var write = ChatModel.FirstPing(chatId, ping);
        return await writer.WriteAsync(write) ? write : null;
    }
}
