using PingActors.Pings;
using PingActors.Users;

namespace PingActors.Benchmarks.Systems;

/// <summary>PingActors through an external Orleans client: grain calls over the gateway, no HTTP.</summary>
internal sealed class OrleansSystem(IClusterClient client) : IPingSystem
{
    public string Name => SystemNames.Orleans;

    public async Task<SendOutcome> SendAsync(PingRequest ping)
    {
        try
        {
            var result = await client.GetGrain<IUserGrain>(ping.Sender).SendPingAsync(new SendPing(Guid.CreateVersion7(), ping.ListingId, ping.Message));
            return result.Outcome == SendPingOutcome.Sent ? SendOutcome.Admitted : SendOutcome.Refused;
        }
        catch (Exception ex) when (ex is OrleansException or TimeoutException)
        {
            return SendOutcome.Failed;
        }
    }
}
