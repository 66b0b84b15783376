namespace PingActors.Benchmarks.Floor;

/// <summary>The floor's grain: one per sender, in memory only. It does the least a grain that takes a ping can do.</summary>
[Alias("pingactors.benchmarks.IFloorGrain")]
public interface IFloorGrain : IGrainWithStringKey
{
    /// <summary>Counts the ping and answers with its receipt.</summary>
    Task<FloorReceipt> SendAsync(FloorPing ping);
}
