using Orleans.Concurrency;
using PingActors.Paging;
using PingActors.References;

namespace PingActors.Chats;

/// <summary>
/// Lists a user's chats. The order comes from the chats table; each chat's unread count comes from its own
/// grain, which owns the read cursors.
/// </summary>
[StatelessWorker]
[GrainType("chat-query")]
public sealed class ChatQueryGrain(ChatQueries queries) : Grain, IChatQueryGrain
{
    public async Task<ChatPage> ListAsync(string viewer, int limit, PageCursor? after)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 100);

        var found = await queries.ListChatsAsync(viewer, limit + 1, after);
        var page = found.Take(limit).ToList();
        var chats = await Task.WhenAll(page.Select(c => GrainFactory.Reference<IChatGrain>(c.Id).GetAsync(viewer)));
        return new ChatPage([.. chats.OfType<Chat>()], found.Count > limit ? page[^1] : null);
    }
}
