namespace PingActors.Listings;

/// <summary>
/// A listing as stored. <see cref="Owner"/> is <see langword="null"/> until it is registered. Immutable: a change
/// is a new state, committed whole.
/// </summary>
[GenerateSerializer, Alias("pingactors.listing-state")]
public sealed record ListingState
{
    [Id(0)]
    public string? Owner { get; init; }

    [Id(1)]
    public string Title { get; init; } = "";

    [Id(2)]
    public ListingStatus Status { get; init; }

    [Id(3)]
    public DateTimeOffset CreatedAt { get; init; }
}
