using System.Net;
using System.Text;
using PingActors.Benchmarks.Systems;

namespace PingActors.Benchmarks.Floor;

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
