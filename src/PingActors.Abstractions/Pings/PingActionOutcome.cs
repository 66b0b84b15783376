namespace PingActors.Pings;

/// <summary>How a respond, decline or withdraw went.</summary>
public enum PingActionOutcome
{
    /// <summary>The ping changed status.</summary>
    Done,

    /// <summary>No such ping, or the caller may not act on it.</summary>
    NotFound,

    /// <summary>The ping already left the pending status.</summary>
    NotPending,

    /// <summary>The response message is empty, too long, or holds control characters.</summary>
    InvalidMessage,
}
