namespace PingActors.Notifications;

/// <summary>The item types of the stream, as clients see them (the <c>event</c> field of Server-Sent Events).</summary>
public static class StreamEventTypes
{
    /// <summary>A ping arrived (to the listing's owner).</summary>
    public const string PingReceived = "ping.received";

    /// <summary>The owner answered the ping (to its sender).</summary>
    public const string PingResponded = "ping.responded";

    /// <summary>The owner declined the ping (to its sender).</summary>
    public const string PingDeclined = "ping.declined";

    /// <summary>The ping expired unanswered (to its sender).</summary>
    public const string PingExpired = "ping.expired";

    /// <summary>The sender withdrew the ping (to the owner).</summary>
    public const string PingWithdrawn = "ping.withdrawn";

    /// <summary>A message in a chat (to the other participant).</summary>
    public const string MessagePosted = "message.posted";

    /// <summary>A read receipt (to the other participant).</summary>
    public const string ChatRead = "chat.read";

    /// <summary>The user's limits changed: an admin set them, or the allowance reset.</summary>
    public const string LimitsChanged = "limits.changed";

    /// <summary>The stream cannot resume where the client asked (the events were pruned): reload, then go on from here.</summary>
    public const string Resync = "resync";
}
