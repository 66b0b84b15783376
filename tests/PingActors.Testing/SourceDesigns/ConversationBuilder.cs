namespace PingActors.Testing.SourceDesigns;

/// <summary>
/// Builds one conversation: the source rows as the old system wrote them, and beside them what PingActors must
/// show. Messages are added in any order; the expected chat lists them by time. With
/// <paramref name="separateCalls"/> (the older design) a ping's message is written by a call of its own, a few
/// milliseconds after the ping; the seed writes both in one transaction, at the same instant.
/// </summary>
internal sealed class ConversationBuilder(Random random, Guid? listingId, string owner, string sender, bool separateCalls)
{
    private readonly List<SourceChat> _chats = [];
    private readonly List<SourcePing> _pings = [];
    private readonly List<SourceMessage> _messages = [];
    private readonly List<ExpectedMessage> _expectedMessages = [];
    private readonly List<ExpectedPing> _expectedPings = [];
    private readonly List<LeftBehind> _leftBehind = [];
    private SourceChat? _chat;

    public string Owner => owner;

    public string Sender => sender;

    /// <summary>The sender's chat, as the seed's upsert creates it with their first ping: (listing, sender, owner).</summary>
    public SourceChat Chat(DateTimeOffset at) => _chat ??= AddChat(sender, owner, at);

    public SourceChat AddChat(string participantA, string participantB, DateTimeOffset at)
    {
        var chat = new SourceChat(Ids.Next(random), listingId, participantA, participantB, at, null);
        _chats.Add(chat);
        return chat;
    }

    /// <summary>
    /// Adds a ping with its first message (at the same instant, as the seed's single transaction writes them),
    /// and for an answered one the owner's reply.
    /// </summary>
    public SourcePing AddPing(PingOutcome outcome, string? receiver = null, bool withMessage = true, bool withChat = true)
    {
        var ping = new SourcePing(
            Ids.Next(random), sender, receiver ?? owner, listingId, outcome.Text, outcome.SourceStatus, outcome.At,
            outcome.UpdatedAt, outcome.ResponseTimeMinutes, _pings.Count + 1);
        _pings.Add(ping);
        if (withChat)
        {
            var chat = Chat(outcome.At);
            if (_pings.Count > 1)
            {
                _chats[_chats.IndexOf(chat)] = _chat = chat with { UpdatedAt = outcome.At };
            }
        }

        // A ping always has its message in PingActors: one the source lost is made from the ping's own text, at the
        // ping's time.
        var messageAt = withMessage && separateCalls ? Ids.Micros(outcome.At + TimeSpan.FromMicroseconds(random.Next(1_000, 40_000))) : outcome.At;
        if (withMessage || outcome.ExpectedStatus is not null)
        {
            _expectedMessages.Add(new ExpectedMessage(sender, outcome.Text, messageAt));
        }

        if (withMessage)
        {
            _messages.Add(new SourceMessage(Ids.Next(random), _chat!.Id, sender, outcome.Text, messageAt));
        }

        if (outcome.ExpectedStatus is { } status)
        {
            _expectedPings.Add(new ExpectedPing(
                ping.Id, listingId ?? Guid.Empty, sender, owner, outcome.Text, status, outcome.At, outcome.ResponseAt,
                outcome.ResponseTimeMinutes, outcome.Reply));
        }

        if (outcome.ResponseAt is { } answered && outcome.Reply is { } reply)
        {
            AddMessage(owner, reply, answered);
        }

        return ping;
    }

    /// <summary>Adds a message to <paramref name="chat"/> (the sender's chat by default) that PingActors shows unless <paramref name="expected"/> is false.</summary>
    public SourceMessage AddMessage(string author, string text, DateTimeOffset at, SourceChat? chat = null, bool expected = true)
    {
        var message = new SourceMessage(Ids.Next(random), (chat ?? _chat!).Id, author, text, at);
        _messages.Add(message);
        if (expected)
        {
            _expectedMessages.Add(new ExpectedMessage(author, text, at));
        }

        return message;
    }

    /// <summary>Moves every message already added by <paramref name="author"/> into <paramref name="chat"/>.</summary>
    public void MoveMessages(string author, SourceChat chat)
    {
        for (var i = 0; i < _messages.Count; i++)
        {
            if (_messages[i].Sender == author)
            {
                _messages[i] = _messages[i] with { ChatId = chat.Id };
            }
        }
    }

    public void LeaveBehind(string table, object key, string reason) => _leftBehind.Add(new LeftBehind(table, key.ToString()!, reason));

    /// <summary>The conversation; with <paramref name="reverseMessages"/> its messages are written newest first.</summary>
    public SourceConversation Build(bool importable = true, bool reverseMessages = false)
    {
        var messages = reverseMessages ? _messages.AsEnumerable().Reverse().ToList() : _messages;
        var expected = importable
            ? new ExpectedChat(listingId ?? Guid.Empty, owner, sender, _expectedMessages.OrderBy(m => m.CreatedAt).ToList(), _expectedPings.OrderBy(p => p.CreatedAt).ToList())
            : null;
        return new SourceConversation(_chats, _pings, messages, expected, _leftBehind);
    }
}
