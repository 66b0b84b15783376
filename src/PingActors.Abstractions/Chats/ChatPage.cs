using PingActors.Paging;

namespace PingActors.Chats;

/// <summary>One page of a user's chats, latest activity first.</summary>
/// <param name="Items">The chats, as the user sees them.</param>
/// <param name="Next">Where the next page starts; <see langword="null"/> on the last page.</param>
[GenerateSerializer, Immutable, Alias("pingactors.chat-page")]
public sealed record ChatPage(IReadOnlyList<Chat> Items, PageCursor? Next);
