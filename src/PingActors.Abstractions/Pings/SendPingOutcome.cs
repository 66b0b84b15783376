namespace PingActors.Pings;

/// <summary>How a send went. Everything but <see cref="Sent"/> is a rejection that left no trace.</summary>
public enum SendPingOutcome
{
    /// <summary>The ping, its chat and its first message exist.</summary>
    Sent,

    /// <summary>The sender has used today's allowance.</summary>
    DailyLimitExceeded,

    /// <summary>The sender is on a cooldown.</summary>
    CooldownActive,

    /// <summary>No such listing.</summary>
    ListingNotFound,

    /// <summary>The listing no longer takes pings.</summary>
    ListingClosed,

    /// <summary>The sender already has a pending ping for this listing.</summary>
    PingAlreadyPending,

    /// <summary>The sender owns the listing.</summary>
    OwnListing,

    /// <summary>The message is empty, too long, or holds control characters.</summary>
    InvalidMessage,
}
