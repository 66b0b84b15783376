namespace PingActors.History;

/// <summary>
/// Hears of every batch of history writes once it has committed, with the stream position each stored event took.
/// It must return at once: the callers of the batch are answered only after it returns, and the write path waits
/// for nobody.
/// </summary>
internal interface IEventPublisher
{
    /// <param name="writes">The writes of the batch; an event that is not in <paramref name="positions"/> was not stored.</param>
    /// <param name="positions">The position (<c>seq</c>) of each stored event, by event id.</param>
    void Committed(IReadOnlyList<ChatWrite> writes, IReadOnlyDictionary<Guid, long> positions);
}
