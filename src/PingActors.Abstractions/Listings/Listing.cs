namespace PingActors.Listings;

/// <summary>A listing: something one owner offers and others ping about.</summary>
/// <param name="ListingId">The listing's id.</param>
/// <param name="Owner">The user who receives its pings.</param>
/// <param name="Title">Its title.</param>
/// <param name="Status">Whether it takes pings.</param>
/// <param name="CreatedAt">When it was registered.</param>
[GenerateSerializer, Immutable, Alias("pingactors.listing")]
public sealed record Listing(Guid ListingId, string Owner, string Title, ListingStatus Status, DateTimeOffset CreatedAt);
