using System.Net;
using System.Text;
using PingActors.Benchmarks.Systems;

namespace PingActors.Benchmarks.Floor;

/// <summary>The floor's two ways in, as the report names them.</summary>
internal static class FloorPaths
{
    public const string Http = "floor: ASP.NET Core POST, one grain call";
    public const string Orleans = "floor: one grain call through the Orleans client";
}

/// <summary>The floor over HTTP: the same JSON body PingActors' HTTP system posts, to <c>POST /floor/{sender}</c>.</summary>
internal sealed class FloorHttpSystem(HttpClient http) : IPingSystem
{
    public string Name => FloorPaths.Http;

    public async Task<SendOutcome> SendAsync(PingRequest ping)
    {
        try
        {
            using var content = new StringContent($$"""{"listingId":"{{ping.ListingId}}","message":"{{ping.Message}}"}""", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync($"/floor/{ping.Sender}", content);
            await response.Content.LoadIntoBufferAsync();
            return response.StatusCode == HttpStatusCode.Created ? SendOutcome.Admitted : SendOutcome.Failed;
        }
        catch (HttpRequestException)
        {
            return SendOutcome.Failed;
        }
    }
}

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
