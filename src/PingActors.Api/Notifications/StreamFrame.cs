using PingActors.Notifications;

namespace PingActors.Api.Notifications;

/// <summary>What a connection writes next: an item, or one of the frames between items.</summary>
internal abstract record StreamFrame
{
    /// <summary>An event of the outbox, at its position.</summary>
    public sealed record Item(StreamEvent Event) : StreamFrame;

    /// <summary>The allowance reset: a <c>limits.changed</c> item of the stream's own, for the new allowance day.</summary>
    public sealed record Reset(DateOnly Day) : StreamFrame;

    /// <summary>Every event up to <paramref name="Seq"/> has been written: the client may resume from there.</summary>
    public sealed record Cursor(long Seq) : StreamFrame;

    /// <summary>A comment line for a connection that has been silent.</summary>
    public sealed record Heartbeat : StreamFrame
    {
        public static readonly Heartbeat Instance = new();
    }
}
