using PingActors.History;
using PingActors.Pings;

namespace PingActors.Chats;

/// <summary>
/// A chat's rules without its I/O. Each decision takes the chat as it stands and returns the rows that would
/// move it on; the grain writes them and only then calls <see cref="Apply"/>, so a failed write changes
/// nothing. Every write also expires the latest ping if it is past due ("stored so on the next write").
/// </summary>
internal sealed class ChatModel(Guid chatId, ChatRow? chat, PingRow? latestPing)
{
    public ChatRow? Chat { get; private set; } = chat;

    /// <summary>The chat's newest ping: the only one that can still be pending.</summary>
    public PingRow? LatestPing { get; private set; } = latestPing;

    public bool IsParticipant(string user) => Chat?.IsParticipant(user) == true;

    /// <summary>Opens a ping in the chat as it stands. A chat that does not exist yet is opened by <see cref="FirstPing"/>.</summary>
    public ChatDecision<OpenPingOutcome> OpenPing(OpenPing command)
    {
        var now = command.At;
        var chat = Chat ?? throw new InvalidOperationException($"Chat {chatId} does not exist yet: open it with its first ping.");
        if (LatestPing is { } latest)
        {
            if (latest.PingId == command.PingId)
            {
                return new(OpenPingOutcome.AlreadyOpened, Ping: latest);
            }

            if (latest.IsPendingAt(now))
            {
                return new(OpenPingOutcome.AlreadyPending, Ping: latest);
            }
        }

        if (chat.ListingId != command.ListingId || chat.Sender != command.Sender || chat.Owner != command.Owner)
        {
            throw new InvalidOperationException($"Chat {chatId} is not the chat of {command.Sender} about listing {command.ListingId}.");
        }

        var events = new List<PingEvent>(2);
        var expired = ExpireIfDue(now, events);
        var (ping, message) = PingRows(chatId, command, chat.LastSeq + 1);
        events.Add(Event(PingEventTypes.PingSent, now, chat, ping, command.Sender, message.Seq));
        var next = chat.WithMessage(command.Sender, message.Seq, now) with { LastPingId = ping.PingId };
        return new(OpenPingOutcome.Opened, new ChatWrite(next, CreatesChat: false, ping, expired, message, events), ping, message);
    }

    /// <summary>
    /// The rows of a ping that opens its chat: the chat, the ping, its message (seq 1) and its event, as one
    /// write that stores nothing if the chat exists by the time it is written (see <see cref="ChatOpener"/>).
    /// </summary>
    public static ChatWrite FirstPing(Guid chatId, OpenPing command)
    {
        var now = command.At;
        var (ping, message) = PingRows(chatId, command, seq: 1);
        var chat = new ChatRow(chatId, command.ListingId, command.Owner, command.Sender, now, 1, now, 0, 1, ping.PingId);
        PingEvent[] events = [Event(PingEventTypes.PingSent, now, chat, ping, command.Sender, 1)];
        return new ChatWrite(chat, CreatesChat: true, ping, null, message, events);
    }

    private static (PingRow Ping, MessageRow Message) PingRows(Guid chatId, OpenPing command, long seq)
    {
        var messageId = Guid.CreateVersion7();
        var ping = new PingRow(
            command.PingId, chatId, command.ListingId, command.Sender, command.Owner, messageId, command.Message,
            PingStatus.Pending, command.At, command.ExpiresAt, command.AllowanceDay, command.AllowanceSeq, null, null, null, null,
            command.BucketTokens, command.ShadowRefusal);
        return (ping, new MessageRow(chatId, seq, messageId, command.Sender, command.Message, command.At, null, ping.PingId));
    }

    public ChatDecision<PostMessageOutcome> PostMessage(string author, string body, string? clientMessageId, DateTimeOffset now)
    {
        if (Chat is not { } chat || !chat.IsParticipant(author))
        {
            return new(PostMessageOutcome.NotFound);
        }

        var events = new List<PingEvent>(3);
        var closed = ExpireIfDue(now, events);
        var seq = chat.LastSeq + 1;
        var message = new MessageRow(chat.ChatId, seq, Guid.CreateVersion7(), author, body, now, clientMessageId, null);

        // The receiver's first message while a ping is pending is their response to it.
        if (closed is null && author == chat.Owner && LatestPing is { } pending && pending.IsPendingAt(now))
        {
            closed = pending.Responded(now, body);
            message = message with { PingId = pending.PingId };
            events.Add(Event(PingEventTypes.PingResponded, now, chat, closed, author, seq));
        }

        events.Add(Event(PingEventTypes.MessagePosted, now, chat, closed?.Status == PingStatus.Responded ? closed : null, author, seq));
        return new(PostMessageOutcome.Posted, new ChatWrite(chat.WithMessage(author, seq, now), CreatesChat: false, null, closed, message, events), closed, message);
    }

    public ChatDecision<PingActionOutcome> Respond(string responder, PingRow? ping, string body, DateTimeOffset now)
    {
        if (Chat is not { } chat || ping is null || responder != chat.Owner)
        {
            return new(PingActionOutcome.NotFound);
        }

        if (!ping.IsPendingAt(now))
        {
            return new(PingActionOutcome.NotPending, Ping: ping);
        }

        var seq = chat.LastSeq + 1;
        var responded = ping.Responded(now, body);
        var message = new MessageRow(chat.ChatId, seq, Guid.CreateVersion7(), responder, body, now, null, ping.PingId);
        PingEvent[] events =
        [
            Event(PingEventTypes.PingResponded, now, chat, responded, responder, seq),
            Event(PingEventTypes.MessagePosted, now, chat, responded, responder, seq),
        ];
        return new(PingActionOutcome.Done, new ChatWrite(chat.WithMessage(responder, seq, now), CreatesChat: false, null, responded, message, events), responded, message);
    }

    public ChatDecision<PingActionOutcome> Decline(string responder, PingRow? ping, DateTimeOffset now) =>
        Close(ping, Chat?.Owner == responder, p => p.Declined(now), PingEventTypes.PingDeclined, responder, now);

    public ChatDecision<PingActionOutcome> Withdraw(string sender, PingRow? ping, DateTimeOffset now) =>
        Close(ping, Chat?.Sender == sender, p => p.Withdrawn(now), PingEventTypes.PingWithdrawn, sender, now);

    /// <summary>Stores the expiry of the latest ping if it is past due; nothing to write otherwise.</summary>
    public ChatDecision<bool> ExpireDue(DateTimeOffset now)
    {
        var events = new List<PingEvent>(1);
        return ExpireIfDue(now, events) is { } expired
            ? new(true, new ChatWrite(null, CreatesChat: false, null, expired, null, events), expired)
            : new(false);
    }

    /// <summary>Moves the chat on by a write that has committed.</summary>
    public void Apply(ChatWrite write)
    {
        Chat = write.Chat ?? Chat;
        LatestPing = write.NewPing ?? write.ClosedPing ?? LatestPing;
    }

    /// <summary>Where <paramref name="viewer"/> has read to: their cursor, or their own latest message if that is later.</summary>
    public ReadReceipt ReadReceipt(string viewer, ChatState cursors)
    {
        var chat = Chat ?? throw new InvalidOperationException("The chat does not exist.");
        var marked = viewer == chat.Owner ? cursors.OwnerReadSeq : cursors.SenderReadSeq;
        var readSeq = Math.Max(marked, chat.OwnLastSeq(viewer));
        return new ReadReceipt(readSeq, chat.LastSeq - readSeq);
    }

    public Chat View(string viewer, ChatState cursors)
    {
        var chat = Chat ?? throw new InvalidOperationException("The chat does not exist.");
        return new Chat(chat.ChatId, chat.ListingId, [chat.Owner, chat.Sender], chat.LastSeq, ReadReceipt(viewer, cursors).Unread, chat.LastMessageAt);
    }

    private ChatDecision<PingActionOutcome> Close(
        PingRow? ping, bool allowed, Func<PingRow, PingRow> transition, string eventType, string actor, DateTimeOffset now)
    {
        if (Chat is not { } chat || ping is null || !allowed)
        {
            return new(PingActionOutcome.NotFound);
        }

        if (!ping.IsPendingAt(now))
        {
            return new(PingActionOutcome.NotPending, Ping: ping);
        }

        var closed = transition(ping);
        PingEvent[] events = [Event(eventType, now, chat, closed, actor, null)];
        return new(PingActionOutcome.Done, new ChatWrite(null, CreatesChat: false, null, closed, null, events), closed);
    }

    private PingRow? ExpireIfDue(DateTimeOffset now, List<PingEvent> events)
    {
        if (LatestPing is not { } latest || !latest.IsDueToExpireAt(now) || Chat is not { } chat)
        {
            return null;
        }

        var expired = latest.Expired();
        events.Add(Event(PingEventTypes.PingExpired, latest.ExpiresAt, chat, expired, actor: null, null));
        return expired;
    }

    private static PingEvent Event(string type, DateTimeOffset at, ChatRow chat, PingRow? ping, string? actor, long? seq) =>
        new(Guid.CreateVersion7(), type, at, chat.ChatId, chat.ListingId, ping?.PingId, chat.Sender, chat.Owner, actor, ping?.CreatedAt, seq);
}
