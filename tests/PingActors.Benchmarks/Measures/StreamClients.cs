using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// Many open <c>GET /v1/stream</c> connections, one per user, each read as it arrives on its own HTTP/1.1
/// connection (as browsers hold them). Notes when each <c>ping.received</c> arrived, by sender and listing.
/// </summary>
internal sealed class StreamClients : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _readers = [];
    private readonly ConcurrentDictionary<(string Sender, Guid ListingId), long> _arrivals = new();
    private long _items;
    private int _ended;

    private StreamClients(Uri address) =>
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = address,
            Timeout = Timeout.InfiniteTimeSpan,
        };

    /// <summary>When each received ping's item arrived (a <see cref="Stopwatch"/> timestamp).</summary>
    public IReadOnlyDictionary<(string Sender, Guid ListingId), long> Arrivals => _arrivals;

    public long Items => Interlocked.Read(ref _items);

    /// <summary>Streams that ended before they were closed (cut off, or failed).</summary>
    public int Ended => Volatile.Read(ref _ended);

    public static async Task<StreamClients> ConnectAsync(Uri address, string signingKey, IReadOnlyList<string> users, Action<double> progress)
    {
        var clients = new StreamClients(address);
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256);
        var handler = new JsonWebTokenHandler();
        await Concurrently.ForEachAsync(users, 64, async user =>
        {
            var token = handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "pingactors",
                Audience = "pingactors",
                Subject = new ClaimsIdentity([new Claim("sub", user)]),
                Expires = DateTime.UtcNow.AddHours(6),
                SigningCredentials = credentials,
            });
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/stream");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await clients._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, clients._stop.Token);
            response.EnsureSuccessStatusCode();
            clients._readers.Add(Task.Run(() => clients.ReadAsync(response)));
        }, progress);
        return clients;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        try
        {
            using (response)
            using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token)))
            {
                string? type = null;
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (line.Length == 0)
                    {
                        type = null;
                    }
                    else if (line.StartsWith("event:", StringComparison.Ordinal))
                    {
                        type = line[6..].Trim();
                    }
                    else if (type == "ping.received" && line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        var arrived = Stopwatch.GetTimestamp();
                        using var json = JsonDocument.Parse(line.AsMemory(5));
                        var ping = json.RootElement;
                        _arrivals.TryAdd((ping.GetProperty("sender").GetString()!, ping.GetProperty("listingId").GetGuid()), arrived);
                        Interlocked.Increment(ref _items);
                    }
                }
            }

            Interlocked.Increment(ref _ended);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            Interlocked.Increment(ref _ended);
        }
    }
}
