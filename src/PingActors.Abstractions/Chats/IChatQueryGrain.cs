using PingActors.Paging;

namespace PingActors.Chats;

/// <summary>Lists chats from the history tables. Stateless: any silo answers.</summary>
[Alias("pingactors.IChatQueryGrain")]
public interface IChatQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Lists the viewer's chats by latest activity, with their unread counts.</summary>
    Task<ChatPage> ListAsync(string viewer, int limit, PageCursor? after);
}
