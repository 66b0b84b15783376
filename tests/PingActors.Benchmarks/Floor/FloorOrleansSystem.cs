using PingActors.Benchmarks.Systems;

namespace PingActors.Benchmarks.Floor;

/// <summary>The floor through an external Orleans client: the grain call over the gateway, no HTTP.</summary>
internal sealed class FloorOrleansSystem(IClusterClient client) : IPingSystem
{
    public string Name => FloorPaths.Orleans;

    public async Task<SendOutcome> SendAsync(PingRequest ping)
    {
        try
        {
            await client.GetGrain<IFloorGrain>(ping.Sender).SendAsync(new FloorPing(ping.ListingId, ping.Message));
            return SendOutcome.Admitted;
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            return SendOutcome.Failed;
        }
    }
}
