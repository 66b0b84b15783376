namespace PingActors.Chats;

/// <summary>
/// The latest messages posted with a client message id, so a quick retry is answered from memory. Older
/// retries, and retries after a reactivation, are caught by the database's unique key instead.
/// </summary>
internal sealed class RecentClientMessages
{
    private const int Capacity = 32;

    private readonly Dictionary<(string Author, string ClientMessageId), ChatMessage> _byId = [];
    private readonly Queue<(string Author, string ClientMessageId)> _order = new();

    public ChatMessage? Find(string author, string clientMessageId) => _byId.GetValueOrDefault((author, clientMessageId));

    public void Remember(string author, string clientMessageId, ChatMessage message)
    {
        if (_byId.TryAdd((author, clientMessageId), message))
        {
            _order.Enqueue((author, clientMessageId));
            if (_order.Count > Capacity)
            {
                _byId.Remove(_order.Dequeue());
            }
        }
    }
}
