namespace PingActors.Pings;

/// <summary>Where a ping is in its life. Only <see cref="Pending"/> can change.</summary>
public enum PingStatus
{
    /// <summary>Waiting for the receiver.</summary>
    Pending,

    /// <summary>The receiver answered with a message.</summary>
    Responded,

    /// <summary>The receiver declined.</summary>
    Declined,

    /// <summary>The sender took it back.</summary>
    Withdrawn,

    /// <summary>Nobody acted before it expired.</summary>
    Expired,
}
