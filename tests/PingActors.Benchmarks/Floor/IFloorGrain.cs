namespace PingActors.Benchmarks.Floor;

/// <summary>The floor's grain: one per sender, in memory only. It does the least a grain that takes a ping can do.</summary>
[Alias("pingactors.benchmarks.IFloorGrain")]
public interface IFloorGrain : IGrainWithStringKey
{
    /// <summary>Counts the ping and answers with its receipt.</summary>
    Task<FloorReceipt> SendAsync(FloorPing ping);
}

/// <summary>A ping as the floor's endpoint binds it: the same JSON body PingActors' <c>POST /v1/pings</c> takes.</summary>
[GenerateSerializer, Immutable, Alias("pingactors.benchmarks.floor-ping")]
public sealed record FloorPing([property: Id(0)] Guid ListingId, [property: Id(1)] string Message);

/// <summary>What the floor answers: a new id, and how many pings the sender has sent to this activation.</summary>
[GenerateSerializer, Immutable, Alias("pingactors.benchmarks.floor-receipt")]
public sealed record FloorReceipt([property: Id(0)] Guid PingId, [property: Id(1)] Guid ListingId, [property: Id(2)] int Sent, [property: Id(3)] DateTimeOffset At);
