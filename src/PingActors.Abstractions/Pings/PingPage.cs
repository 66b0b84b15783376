using PingActors.Paging;

namespace PingActors.Pings;

/// <summary>One page of pings, newest first.</summary>
/// <param name="Items">The pings.</param>
/// <param name="Next">Where the next page starts; <see langword="null"/> on the last page.</param>
[GenerateSerializer, Immutable, Alias("pingactors.ping-page")]
public sealed record PingPage(IReadOnlyList<Ping> Items, PageCursor? Next);
