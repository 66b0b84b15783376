namespace PingActors.Benchmarks.Systems;

/// <summary>One ping to send.</summary>
internal readonly record struct PingRequest(string Sender, Guid ListingId, string Owner, string Message);
