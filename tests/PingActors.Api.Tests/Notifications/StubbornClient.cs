using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace PingActors.Api.Tests.Notifications;

/// <summary>
/// A stream client that stops reading: a raw socket with a tiny receive buffer, which reads the response's first
/// frames and then nothing, until the test reads everything that reached it.
/// </summary>
public sealed class StubbornClient : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 1024 };
    private readonly List<byte> _received = [];

    public static async Task<StubbornClient> ConnectAsync(Uri api, string token)
    {
        var client = new StubbornClient();
        await client._socket.ConnectAsync(api.Host, api.Port);
        var request = $"GET /v1/stream HTTP/1.1\r\nHost: {api.Authority}\r\nAccept: text/event-stream\r\nAuthorization: Bearer {token}\r\n\r\n";
        await client._socket.SendAsync(Encoding.ASCII.GetBytes(request));
        // The headers and the stream's first frame: from here on the stream is live, and nobody reads it.
        while (!Encoding.ASCII.GetString([.. client._received]).Contains("\nid: ", StringComparison.Ordinal))
        {
            await client.ReceiveSomeAsync(TimeSpan.FromSeconds(30));
        }

        return client;
    }

    /// <summary>
    /// Reads what reached the client after it was cut off: until the server ends the connection, or nothing more
    /// arrives for <paramref name="quiet"/>. Returns the position the stream started at, and the ids of the items
    /// (with data) that arrived whole.
    /// </summary>
    /// <remarks>
    /// A cut-off connection is aborted, and the server's socket then sends what its kernel still holds before the
    /// end; in two CI runs out of about eight that end had not come 30 s later, though nothing more arrived. Whatever
    /// did not reach the client is for it to catch up from the outbox, which is what the caller checks.
    /// </remarks>
    public async Task<(long Start, IReadOnlyList<long> Items)> ReadToTheEndAsync(TimeSpan quiet)
    {
        try
        {
            while (await ReceiveSomeAsync(quiet) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // Reset: what arrived before it is all there is.
        }
        catch (OperationCanceledException)
        {
            // Nothing more for a while: what arrived is all there is.
        }

        var text = Dechunk(Encoding.UTF8.GetString([.. _received]));
        long? start = null;
        var ids = new List<long>();
        foreach (var frame in text.Split("\n\n")[..^1])
        {
            var lines = frame.Split('\n');
            if (lines.FirstOrDefault(l => l.StartsWith("id: ", StringComparison.Ordinal)) is not { } id)
            {
                continue;
            }

            var seq = long.Parse(id[4..].Split(':')[0], CultureInfo.InvariantCulture);
            if (lines.Any(l => l.StartsWith("data:", StringComparison.Ordinal)))
            {
                ids.Add(seq);
            }
            else
            {
                start ??= seq;
            }
        }

        return (start ?? throw new InvalidOperationException("The stream never said where it started."), ids);
    }

    public void Dispose() => _socket.Dispose();

    private async Task<int> ReceiveSomeAsync(TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout);
        return await ReceiveSomeAsync(expiry.Token);
    }

    private async Task<int> ReceiveSomeAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var read = await _socket.ReceiveAsync(buffer, cancellationToken);
        _received.AddRange(buffer[..read]);
        return read;
    }

    /// <summary>The body of a chunked response (its headers dropped), as far as whole chunks go.</summary>
    private static string Dechunk(string response)
    {
        var body = response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var text = new StringBuilder();
        while (true)
        {
            var end = body.IndexOf("\r\n", StringComparison.Ordinal);
            if (end < 0 || !int.TryParse(body[..end], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0
                || body.Length < end + 2 + size)
            {
                return text.ToString();
            }

            text.Append(body, end + 2, size);
            body = body[(end + 2 + size)..].TrimStart('\r', '\n');
        }
    }
}
