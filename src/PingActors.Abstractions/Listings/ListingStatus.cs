namespace PingActors.Listings;

/// <summary>Whether a listing takes pings.</summary>
public enum ListingStatus
{
    /// <summary>It takes pings.</summary>
    Open,

    /// <summary>Its owner closed it; it takes no new pings.</summary>
    Closed,
}
