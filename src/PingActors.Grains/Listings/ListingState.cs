namespace PingActors.Listings;

/// <summary>A listing as stored. <see cref="Owner"/> is <see langword="null"/> until it is registered.</summary>
[GenerateSerializer, Alias("pingactors.listing-state")]
public sealed class ListingState
{
    [Id(0)]
    public string? Owner { get; set; }

    [Id(1)]
    public string Title { get; set; } = "";

    [Id(2)]
    public ListingStatus Status { get; set; }

    [Id(3)]
    public DateTimeOffset CreatedAt { get; set; }
}
