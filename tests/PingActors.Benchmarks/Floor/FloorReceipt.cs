namespace PingActors.Benchmarks.Floor;

/// <summary>What the floor answers: a new id, and how many pings the sender has sent to this activation.</summary>
[GenerateSerializer, Immutable, Alias("pingactors.benchmarks.floor-receipt")]
public sealed record FloorReceipt([property: Id(0)] Guid PingId, [property: Id(1)] Guid ListingId, [property: Id(2)] int Sent, [property: Id(3)] DateTimeOffset At);
