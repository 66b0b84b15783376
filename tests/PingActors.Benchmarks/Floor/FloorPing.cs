namespace PingActors.Benchmarks.Floor;

/// <summary>A ping as the floor's endpoint binds it: the same JSON body PingActors' <c>POST /v1/pings</c> takes.</summary>
[GenerateSerializer, Immutable, Alias("pingactors.benchmarks.floor-ping")]
public sealed record FloorPing([property: Id(0)] Guid ListingId, [property: Id(1)] string Message);
