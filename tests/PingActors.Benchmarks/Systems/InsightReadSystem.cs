using System.Net;
using System.Net.Http.Headers;

namespace PingActors.Benchmarks.Systems;

/// <summary>
/// Reads of the insights over HTTP, measured like pings: each "send" reads the insights of the ping's listing
/// owner (<c>GET /v1/users/{owner}/insights</c>) as one signed-in reader; a 200 counts as admitted.
/// </summary>
internal sealed class InsightReadSystem(HttpClient http, string signingKey) : IPingSystem
{
    private readonly string _token = HttpSystem.TokenFor(signingKey, "insight-reader");

    public string Name => "insight reads (HTTP)";

    public async Task<SendOutcome> SendAsync(PingRequest ping)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/users/{ping.Owner}/insights");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            using var response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response.StatusCode == HttpStatusCode.OK ? SendOutcome.Admitted : SendOutcome.Failed;
        }
        catch (HttpRequestException)
        {
            return SendOutcome.Failed;
        }
    }
}
