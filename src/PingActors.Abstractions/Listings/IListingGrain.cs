using Orleans.Concurrency;

namespace PingActors.Listings;

/// <summary>A listing, keyed by its id.</summary>
[Alias("pingactors.IListingGrain")]
public interface IListingGrain : IGrainWithGuidKey
{
    /// <summary>Creates the listing for <paramref name="owner"/>, or retitles it if they already own it.</summary>
    Task<ListingChangeResult> RegisterAsync(string owner, string title);

    /// <summary>Reads the listing; <see langword="null"/> if it does not exist.</summary>
    [ReadOnly]
    Task<Listing?> GetAsync();

    /// <summary>Closes the listing to new pings. Only its owner may.</summary>
    Task<ListingChangeResult> CloseAsync(string requester);
}
