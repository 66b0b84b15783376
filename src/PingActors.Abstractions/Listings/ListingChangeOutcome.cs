namespace PingActors.Listings;

/// <summary>How a change to a listing went.</summary>
public enum ListingChangeOutcome
{
    /// <summary>The listing did not exist and now does.</summary>
    Created,

    /// <summary>The listing existed and was changed (or already stood as asked).</summary>
    Updated,

    /// <summary>No such listing.</summary>
    NotFound,

    /// <summary>The listing belongs to someone else.</summary>
    NotOwner,

    /// <summary>The title is empty, too long, or holds control characters.</summary>
    InvalidTitle,
}
