using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace PingActors.Api.Tests.Problems;

/// <summary>
/// Requests Kestrel refuses before the API sees them (headers or URL too large, a request it cannot parse) are
/// answered with a problem body like every other error, over a real socket.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class KestrelRejectionTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task HeadersTooLarge_Is431Problem()
    {
        var client = Fixture.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me/limits");
        request.Headers.Add("X-Padding", new string('p', 40 * 1024));
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/html"));

        var response = await client.SendAsync(request);

        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge, "headers-too-large");
        Assert.Contains("32,768 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyHeaders_Is431Problem()
    {
        var client = Fixture.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/me/limits");
        for (var i = 0; i < 120; i++)
        {
            request.Headers.Add($"X-Header-{i}", "x");
        }

        await AssertProblemAsync(await client.SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge, "headers-too-large");
    }

    [Fact]
    public async Task UrlTooLong_Is414Problem()
    {
        var client = Fixture.Anonymous();

        var response = await client.GetAsync($"/v1/chats?cursor={new string('c', 10 * 1024)}");

        await AssertProblemAsync(response, HttpStatusCode.RequestUriTooLong, "uri-too-long");
    }

    public static TheoryData<string, int, string> Malformed => new()
    {
        { "GARBAGE\r\n\r\n", 400, "malformed-request" },
        { "GET /v1/me/limits HTTP/1.1\r\nHost: localhost\r\nNo colon in this header\r\n\r\n", 400, "malformed-request" },
        { "GET /v1/me/limits HTTP/1.1\r\nHost: localhost\r\nX-Bad : x\r\n\r\n", 400, "malformed-request" },
        { "GET /v1/me/limits HTTP/1.1\r\nHost: localhost\r\nX-Folded: a\r\n b\r\n\r\n", 400, "malformed-request" },
        { "GET /v1/me/limits HTTP/1.1\r\n\r\n", 400, "malformed-request" },
        { "GET /v1/me/limits HTTP/1.1\r\nHost: localhost\r\nHost: elsewhere\r\n\r\n", 400, "malformed-request" },
        { "POST /v1/pings HTTP/1.1\r\nHost: localhost\r\nContent-Length: nine\r\n\r\n", 400, "malformed-request" },
        { "GET /v1/me/limits HTTP/1.7\r\nHost: localhost\r\n\r\n", 505, "http-version-not-supported" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task RequestKestrelCannotParse_IsAProblem(string raw, int status, string slug)
    {
        var responses = await RawAsync(raw);

        var rejection = Assert.Single(responses);
        AssertProblem(rejection, status, slug);
    }

    [Fact]
    public async Task MalformedRequestAfterAGoodOne_OnOneConnection_GetsItsProblem_AndLeavesTheFirstAnswerAsItWas()
    {
        var responses = await RawAsync("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\nGARBAGE\r\n\r\n");

        Assert.Equal(2, responses.Count);
        Assert.Equal(200, responses[0].Status);
        using (var health = JsonDocument.Parse(responses[0].Body))
        {
            Assert.Equal("Healthy", health.RootElement.GetProperty("status").GetString());
        }

        AssertProblem(responses[1], 400, "malformed-request");
    }

    private static void AssertProblem(RawResponse response, int status, string slug)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.Headers["content-type"]);
        Assert.Equal("close", response.Headers["connection"]);
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal($"https://pingactors.dev/problems/{slug}", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
    }

    /// <summary>Writes <paramref name="raw"/> to the API over a new connection and reads every answer until the server closes it.</summary>
    private async Task<List<RawResponse>> RawAsync(string raw)
    {
        var address = Fixture.Anonymous().BaseAddress!;
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(raw));
        using var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await stream.CopyToAsync(received, timeout.Token);
        return RawResponse.ParseAll(received.ToArray());
    }

    private sealed record RawResponse(int Status, Dictionary<string, string> Headers, byte[] Body)
    {
        public static List<RawResponse> ParseAll(byte[] data)
        {
            var responses = new List<RawResponse>();
            var offset = 0;
            while (offset < data.Length)
            {
                var headEnd = data.AsSpan(offset).IndexOf("\r\n\r\n"u8);
                Assert.True(headEnd > 0, "a response without a complete head");
                var lines = Encoding.Latin1.GetString(data, offset, headEnd).Split("\r\n");
                var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
                offset += headEnd + 4;
                var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
                responses.Add(new RawResponse(status, headers, headers.TryGetValue("content-length", out var length)
                    ? Take(data, ref offset, int.Parse(length, CultureInfo.InvariantCulture))
                    : Dechunk(data, ref offset)));
            }

            return responses;
        }

        private static byte[] Take(byte[] data, ref int offset, int length)
        {
            var taken = data[offset..(offset + length)];
            offset += length;
            return taken;
        }

        private static byte[] Dechunk(byte[] data, ref int offset)
        {
            var body = new List<byte>();
            while (true)
            {
                var lineEnd = data.AsSpan(offset).IndexOf("\r\n"u8);
                var size = int.Parse(Encoding.Latin1.GetString(data, offset, lineEnd), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                offset += lineEnd + 2;
                body.AddRange(Take(data, ref offset, size));
                offset += 2;
                if (size == 0)
                {
                    return [.. body];
                }
            }
        }
    }
}
