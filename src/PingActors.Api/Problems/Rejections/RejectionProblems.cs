using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PingActors.Api.Problems.Rejections;

/// <summary>Recognises Kestrel's own bodiless error answers and rewrites them with a problem body.</summary>
internal sealed class RejectionProblems(KestrelServerLimits limits)
{
    /// <summary>Larger than any answer Kestrel writes itself; a bigger flush is the application's and passes through.</summary>
    public const int MaxRejectionLength = 1024;

    private static readonly byte[] _endOfHead = "\r\n\r\n"u8.ToArray();
    private readonly ConcurrentDictionary<int, byte[]> _bodies = new();

    /// <summary>
    /// Whether <paramref name="flushed"/> (everything written since the last flush) is exactly Kestrel's answer to
    /// a request it refused: an HTTP/1.x error status line and headers, no body (<c>Content-Length: 0</c>), no
    /// content type, and the connection closing. The application never answers like that: every error it sends has
    /// a problem body. If it is, <paramref name="rewritten"/> is the same answer with a problem body.
    /// </summary>
    public bool TryRewrite(ReadOnlySpan<byte> flushed, out byte[] rewritten)
    {
        rewritten = [];
        if (flushed.Length is < 16 or > MaxRejectionLength
            || !(flushed.StartsWith("HTTP/1.1 "u8) || flushed.StartsWith("HTTP/1.0 "u8))
            || flushed.IndexOf(_endOfHead) != flushed.Length - _endOfHead.Length
            || !int.TryParse(flushed.Slice(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            || status < StatusCodes.Status400BadRequest)
        {
            return false;
        }

        var lines = Encoding.ASCII.GetString(flushed[..^_endOfHead.Length]).Split("\r\n");
        var headers = lines.Skip(1).ToList();
        if (!headers.Contains("Content-Length: 0", StringComparer.OrdinalIgnoreCase)
            || !headers.Contains("Connection: close", StringComparer.OrdinalIgnoreCase)
            || headers.Any(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var body = _bodies.GetOrAdd(status, Body);
        var head = new StringBuilder(lines[0]).Append("\r\n");
        foreach (var header in headers.Where(h => !h.Equals("Content-Length: 0", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append(header).Append("\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Type: {ProblemJsonWriter.ContentType}\r\nContent-Length: {body.Length}\r\n\r\n");
        rewritten = [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
        return true;
    }

    private byte[] Body(int status)
    {
        var slug = status == StatusCodes.Status400BadRequest ? ProblemTypes.MalformedRequest : ProblemTypes.ForStatus(status);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", ProblemTypes.Uri(slug));
            json.WriteString("title", ApiProblems.Describe(slug).Title);
            json.WriteNumber("status", status);
            if (Detail(status) is { } detail)
            {
                json.WriteString("detail", detail);
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private string? Detail(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request line or a header could not be read as HTTP.",
        StatusCodes.Status408RequestTimeout => "The request's headers did not arrive in time.",
        StatusCodes.Status414UriTooLong => string.Create(CultureInfo.InvariantCulture, $"The request line is longer than {limits.MaxRequestLineSize:N0} bytes."),
        StatusCodes.Status431RequestHeaderFieldsTooLarge => string.Create(CultureInfo.InvariantCulture,
            $"The headers are larger than {limits.MaxRequestHeadersTotalSize:N0} bytes in all, or more than {limits.MaxRequestHeaderCount} of them."),
        _ => null,
    };
}
