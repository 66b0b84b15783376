using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PingActors.Api.Tests.Notifications;

/// <summary>
/// A client's view of <c>GET /v1/stream</c>: the response, read frame by frame as a browser's EventSource parses it
/// (items, comments, and ids without data), with the Last-Event-ID it would send on reconnecting.
/// </summary>
public sealed class EventStream : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpResponseMessage _response;
    private StreamReader? _reader;

    private EventStream(HttpResponseMessage response) => _response = response;

    public HttpResponseMessage Response => _response;

    /// <summary>The id a reconnecting EventSource would send: the last <c>id</c> field read.</summary>
    public string? LastEventId { get; private set; }

    /// <summary>Opens the stream and reads its headers; the caller checks the status.</summary>
    public static async Task<EventStream> OpenAsync(HttpClient client, string path = "/v1/stream", string? lastEventId = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return new EventStream(await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
    }

    /// <summary>Opens the stream and asserts it is one.</summary>
    public static async Task<EventStream> ConnectAsync(HttpClient client, string? lastEventId = null, string path = "/v1/stream")
    {
        var stream = await OpenAsync(client, path, lastEventId);
        if (stream.Response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"The stream answered {(int)stream.Response.StatusCode}: {await stream.Response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        return stream;
    }

    /// <summary>The next frame: an item, a comment, or an id alone.</summary>
    public async Task<SseFrame> NextFrameAsync(TimeSpan? timeout = null)
    {
        using var expiry = new CancellationTokenSource(timeout ?? Patience);
        _reader ??= new StreamReader(await _response.Content.ReadAsStreamAsync(expiry.Token), Encoding.UTF8);
        string? id = null, type = null, comment = null;
        StringBuilder? data = null;
        while (true)
        {
            string? line;
            try
            {
                line = await _reader.ReadLineAsync(expiry.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No frame arrived within {(timeout ?? Patience).TotalSeconds:0.#} s.");
            }

            if (line is null)
            {
                throw new EndOfStreamException("The server ended the stream.");
            }

            if (line.Length == 0)
            {
                if (id is null && type is null && data is null && comment is null)
                {
                    continue;
                }

                LastEventId = id ?? LastEventId;
                return new SseFrame(id, data is null ? null : type ?? "message", data?.ToString(), comment);
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "":
                    comment = value;
                    break;
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    data = data is null ? new StringBuilder(value) : data.Append('\n').Append(value);
                    break;
            }
        }
    }

    /// <summary>The next item, past any comments and ids alone.</summary>
    public async Task<SseFrame> NextItemAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            var frame = await NextFrameAsync(timeout);
            if (frame.Data is not null)
            {
                return frame;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> items.</summary>
    public async Task<IReadOnlyList<SseFrame>> NextItemsAsync(int count, TimeSpan? timeout = null)
    {
        var items = new List<SseFrame>(count);
        while (items.Count < count)
        {
            items.Add(await NextItemAsync(timeout));
        }

        return items;
    }

    public ValueTask DisposeAsync()
    {
        _reader?.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>One frame of an event stream: an item (with data), a comment, or an id alone.</summary>
public sealed record SseFrame(string? Id, string? Event, string? Data, string? Comment)
{
    public JsonElement Json => JsonDocument.Parse(Data ?? throw new InvalidOperationException("The frame has no data.")).RootElement;

    public long Seq => long.Parse(Id!.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
}
