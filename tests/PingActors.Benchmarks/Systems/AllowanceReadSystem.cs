using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using PingActors.Users;

namespace PingActors.Benchmarks.Systems;

/// <summary>
/// A sender reading their allowance instead of pinging: the same way in (HTTP, or the Orleans client) and the same
/// user grain, but no write. Beside a ping it shows what the way in and the grain call cost without the history write.
/// </summary>
internal sealed class AllowanceReadSystem : IPingSystem
{
    private readonly Func<string, Task<bool>> _read;

    private AllowanceReadSystem(string name, Func<string, Task<bool>> read) => (Name, _read) = (name, read);

    public string Name { get; }

    /// <summary><c>GET /v1/me/limits</c>, each sender with their own token.</summary>
    public static AllowanceReadSystem Http(HttpClient http, string signingKey)
    {
        var tokens = new ConcurrentDictionary<string, string>();
        return new(SystemNames.Http, async sender =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me/limits");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetOrAdd(sender, user => HttpSystem.TokenFor(signingKey, user)));
            using var response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response.StatusCode == HttpStatusCode.OK;
        });
    }

    /// <summary>The sender's grain's <see cref="IUserGrain.GetAllowanceAsync"/> through the gateway.</summary>
    public static AllowanceReadSystem Orleans(IClusterClient client) =>
        new(SystemNames.Orleans, async sender => await client.GetGrain<IUserGrain>(sender).GetAllowanceAsync() is not null);

    public async Task<SendOutcome> SendAsync(PingRequest ping)
    {
        try
        {
            return await _read(ping.Sender) ? SendOutcome.Admitted : SendOutcome.Failed;
        }
        catch (Exception ex) when (ex is HttpRequestException or OrleansException or TimeoutException)
        {
            return SendOutcome.Failed;
        }
    }
}
