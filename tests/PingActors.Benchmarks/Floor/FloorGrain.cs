namespace PingActors.Benchmarks.Floor;

public sealed class FloorGrain(TimeProvider time) : Grain, IFloorGrain
{
    private int _sent;

    public Task<FloorReceipt> SendAsync(FloorPing ping) =>
        Task.FromResult(new FloorReceipt(Guid.CreateVersion7(), ping.ListingId, ++_sent, time.GetUtcNow()));
}
