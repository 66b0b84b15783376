using PingActors.History;

namespace PingActors.Notifications;

/// <summary>What an outbox event is in the stream: its item type, and the ping, message or receipt it carries.</summary>
internal static class StreamItems
{
    /// <summary>The item of event <paramref name="e"/> of a write that just committed at position <paramref name="seq"/>.</summary>
    public static StreamEvent Of(ChatWrite write, PingEvent e, long seq, DateTimeOffset now) => e.Type switch
    {
        PingEventTypes.MessagePosted => new(seq, StreamEventTypes.MessagePosted, e.Recipient, e.ChatId, Message: write.Message?.ToMessage()),
        PingEventTypes.ChatRead => new(seq, StreamEventTypes.ChatRead, e.Recipient, e.ChatId, Reader: e.Actor, ReadSeq: e.MessageSeq),
        PingEventTypes.LimitsChanged => new(seq, StreamEventTypes.LimitsChanged, e.Recipient),
        _ => new(seq, TypeOf(e.Type), e.Recipient, e.ChatId, Ping: PingOf(write, e.PingId)?.ToPing(now)),
    };

    /// <summary>The item type of an outbox event type: a ping that was sent is a ping received, to its recipient.</summary>
    public static string TypeOf(string outboxType) => outboxType switch
    {
        PingEventTypes.PingSent => StreamEventTypes.PingReceived,
        PingEventTypes.PingResponded => StreamEventTypes.PingResponded,
        PingEventTypes.PingDeclined => StreamEventTypes.PingDeclined,
        PingEventTypes.PingWithdrawn => StreamEventTypes.PingWithdrawn,
        PingEventTypes.PingExpired => StreamEventTypes.PingExpired,
        PingEventTypes.MessagePosted => StreamEventTypes.MessagePosted,
        PingEventTypes.ChatRead => StreamEventTypes.ChatRead,
        PingEventTypes.LimitsChanged => StreamEventTypes.LimitsChanged,
        _ => throw new InvalidOperationException($"No stream item for outbox events of type '{outboxType}'."),
    };

    private static PingRow? PingOf(ChatWrite write, Guid? pingId) =>
        write.NewPing?.PingId == pingId ? write.NewPing : write.ClosedPing?.PingId == pingId ? write.ClosedPing : null;
}
