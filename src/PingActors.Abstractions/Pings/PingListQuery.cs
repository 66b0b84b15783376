using PingActors.Paging;

namespace PingActors.Pings;

/// <summary>A page request over a user's pings, newest first.</summary>
/// <param name="Box">Sent or received.</param>
/// <param name="Status">Only pings in this status; <see langword="null"/> for all.</param>
/// <param name="Limit">Page size, 1 to 100.</param>
/// <param name="After">Where the previous page ended; <see langword="null"/> for the first page.</param>
[GenerateSerializer, Immutable, Alias("pingactors.ping-list-query")]
public sealed record PingListQuery(PingBox Box, PingStatus? Status, int Limit, PageCursor? After);
