namespace PingActors.Insights;

/// <summary>What a listing's insights are computed from: its own counts (its owner's name as the username) and its owner's.</summary>
public sealed record ListingRead(OwnerFigures Listing, OwnerRead Owner);
