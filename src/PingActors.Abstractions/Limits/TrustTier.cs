namespace PingActors.Limits;

/// <summary>How far a sender is trusted, from what their pings lead to; each tier has its own cap.</summary>
public enum TrustTier
{
    /// <summary>Everyone starts here.</summary>
    Standard,

    /// <summary>Their pings get answered: a higher cap.</summary>
    Trusted,

    /// <summary>Their pings are mostly ignored or declined: a lower cap.</summary>
    Restricted,
}
