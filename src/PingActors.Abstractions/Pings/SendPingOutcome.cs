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

    /// <summary>The sender has too many pings still pending (reply debt): some must be answered, withdrawn or expire first.</summary>
    TooManyPending,

    /// <summary>The listing's owner, or the listing, takes no more pings for a while.</summary>
    OwnerBusy,

    /// <summary>The listing's owner declined this sender recently.</summary>
    RecentlyDeclined,

    /// <summary>The sender already has a pending ping with this owner (one pending ping per owner).</summary>
    PendingWithOwner,
}
