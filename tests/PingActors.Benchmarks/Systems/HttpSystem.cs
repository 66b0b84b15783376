using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PingActors.Benchmarks.Systems;

/// <summary>
/// PingActors over HTTP: <c>POST /v1/pings</c> on the API host, each sender with its own bearer token. Tokens are
/// issued before the clock starts, as real clients hold theirs; the server still validates every one.
/// </summary>
internal sealed class HttpSystem : IPingSystem
{
    private readonly HttpClient _http;
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private readonly SigningCredentials _credentials;
    private readonly JsonWebTokenHandler _handler = new();

    public HttpSystem(HttpClient http, string signingKey, IEnumerable<string> senders)
    {
        _http = http;
        _credentials = new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256);
        foreach (var sender in senders)
        {
            _tokens[sender] = Token(sender);
        }
    }

    public string Name => SystemNames.Http;

    public async Task<SendOutcome> SendAsync(PingRequest ping)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings")
            {
                Content = new StringContent($$"""{"listingId":"{{ping.ListingId}}","message":"{{ping.Message}}"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.GetOrAdd(ping.Sender, Token));
            using var response = await _http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response.StatusCode switch
            {
                HttpStatusCode.Created => SendOutcome.Admitted,
                >= HttpStatusCode.InternalServerError => SendOutcome.Failed,
                _ => SendOutcome.Refused,
            };
        }
        catch (HttpRequestException)
        {
            return SendOutcome.Failed;
        }
    }

    /// <summary>A bearer token for <paramref name="username"/>, signed with <paramref name="signingKey"/>.</summary>
    public static string TokenFor(string signingKey, string username) =>
        Token(new JsonWebTokenHandler(), new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey)), SecurityAlgorithms.HmacSha256), username);

    private string Token(string username) => Token(_handler, _credentials, username);

    private static string Token(JsonWebTokenHandler handler, SigningCredentials credentials, string username) => handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "pingactors",
        Audience = "pingactors",
        Subject = new ClaimsIdentity([new Claim("sub", username)]),
        Expires = DateTime.UtcNow.AddHours(6),
        SigningCredentials = credentials,
    });
}
