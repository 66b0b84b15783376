using PingActors.History;

namespace PingActors.Notifications;

/// <summary>What an outbox event is in the stream: its item type, and the ping, message or receipt it carries.</summary>
internal static class StreamItems
{
    /// <summary>
    /// The item of event <paramref name="e"/> of a write that just committed at position <paramref name="seq"/>. Its
    /// times are those the database stored (microseconds), so a live item reads exactly as its replay does.
    /// </summary>
    public static StreamEvent Of(ChatWrite write, PingEvent e, long seq, DateTimeOffset now) => e.Type switch
    {
        PingEventTypes.MessagePosted => new(seq, StreamEventTypes.MessagePosted, e.Recipient, e.ChatId, Message: write.Message is { } message
            ? message.ToMessage() with { CreatedAt = AsStored(message.CreatedAt) }
            : null),
        PingEventTypes.ChatRead => new(seq, StreamEventTypes.ChatRead, e.Recipient, e.ChatId, Reader: e.Actor, ReadSeq: e.MessageSeq),
        PingEventTypes.LimitsChanged => new(seq, StreamEventTypes.LimitsChanged, e.Recipient),
        _ => new(seq, TypeOf(e.Type), e.Recipient, e.ChatId, Ping: PingOf(write, e.PingId) is { } ping ? AsStored(ping).ToPing(now) : null),
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

    private static PingRow AsStored(PingRow ping) => ping with
    {
        CreatedAt = AsStored(ping.CreatedAt),
        ExpiresAt = AsStored(ping.ExpiresAt),
        FirstResponseAt = ping.FirstResponseAt is { } first ? AsStored(first) : null,
        RespondedAt = ping.RespondedAt is { } responded ? AsStored(responded) : null,
        ClosedAt = ping.ClosedAt is { } closed ? AsStored(closed) : null,
    };

    /// <summary>The time as PostgreSQL stores it: whole microseconds.</summary>
    private static DateTimeOffset AsStored(DateTimeOffset time) => time.AddTicks(-(time.Ticks % 10));

    private static PingRow? PingOf(ChatWrite write, Guid? pingId) =>
        write.NewPing?.PingId == pingId ? write.NewPing : write.ClosedPing?.PingId == pingId ? write.ClosedPing : null;
}
