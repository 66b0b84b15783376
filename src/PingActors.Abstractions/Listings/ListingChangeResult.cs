namespace PingActors.Listings;

/// <summary>The result of registering, updating or closing a listing.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Listing">The listing afterwards, when the caller may see it.</param>
[GenerateSerializer, Immutable, Alias("pingactors.listing-change-result")]
public sealed record ListingChangeResult(ListingChangeOutcome Outcome, Listing? Listing);
