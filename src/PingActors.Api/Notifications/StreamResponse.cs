using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using PingActors.Limits;
using PingActors.Notifications;
using PingActors.References;
using PingActors.Users;

namespace PingActors.Api.Notifications;

/// <summary>
/// The items of one connection, in order: a cursor for a fresh stream, a resync or the allowance reset it missed,
/// the replay from the outbox page by page (at the pace the client reads), then whatever the connection is given
/// live. Items go out through <c>TypedResults.ServerSentEvents</c>; heartbeat comments and cursor frames (an
/// <c>id</c> alone, which moves the client's Last-Event-ID without an event) are written between them, while the
/// formatter waits for the next item.
/// </summary>
internal sealed class StreamResponse(
    StreamHub hub, StreamConnection connection, StreamStart start, StreamQueries queries, IGrainFactory grains,
    JsonSerializerOptions json, TimeProvider clock, HttpResponse response)
{
    public const int PageSize = 500;
    private static readonly byte[] _heartbeat = ": heartbeat\n\n"u8.ToArray();

    private long _written;
    private DateOnly _day = start.Today;

    public async IAsyncEnumerable<SseItem<string>> ItemsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            var position = start.After;
            _written = position;
            await WriteRawAsync($"retry: 1000\n{(start.Fresh || start.Resync is not null ? $"id: {Cursor(position)}\n" : "")}\n", cancellationToken);
            if (start.Resync is { } reason)
            {
                yield return Item(StreamEventTypes.Resync, Cursor(position), new StreamResync(reason));
            }
            else
            {
                if (start.ResetPassed)
                {
                    yield return Item(StreamEventTypes.LimitsChanged, Cursor(position), await AllowanceAsync());
                }

                var page = start.FirstPage;
                while (true)
                {
                    foreach (var e in page.Events)
                    {
                        yield return await ItemAsync(e);
                        position = e.Seq;
                    }

                    if (page.Events.Count < PageSize)
                    {
                        position = Math.Max(position, page.Clock);
                        break;
                    }

                    page = await queries.ReadAsync(connection.User, position, PageSize, clock.GetUtcNow(), cancellationToken);
                }
            }

            hub.GoLive(connection, position);
            if (position > _written)
            {
                await WriteCursorAsync(position, cancellationToken);
            }

            await foreach (var frame in connection.Frames.ReadAllAsync(cancellationToken))
            {
                switch (frame)
                {
                    case StreamFrame.Item(var e):
                        yield return await ItemAsync(e);
                        break;
                    case StreamFrame.Reset(var day) when day > _day:
                        _day = day;
                        yield return Item(StreamEventTypes.LimitsChanged, Cursor(_written), await AllowanceAsync());
                        break;
                    case StreamFrame.Cursor(var seq):
                        await WriteCursorAsync(seq, cancellationToken);
                        break;
                    case StreamFrame.Heartbeat:
                        await response.Body.WriteAsync(_heartbeat, cancellationToken);
                        break;
                }
            }
        }
        finally
        {
            hub.Close(connection);
        }
    }

    private async Task<SseItem<string>> ItemAsync(StreamEvent e)
    {
        _written = e.Seq;
        var id = e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return e.Type switch
        {
            StreamEventTypes.MessagePosted => Item(e.Type, id, new StreamMessage(e.ChatId!.Value, e.Message!)),
            StreamEventTypes.ChatRead => Item(e.Type, id, new StreamReceipt(e.ChatId!.Value, e.Reader!, e.ReadSeq!.Value)),
            StreamEventTypes.LimitsChanged => Item(e.Type, id, await AllowanceAsync()),
            _ => Item(e.Type, id, e.Ping!),
        };
    }

    private SseItem<string> Item<T>(string type, string id, T data)
    {
        StreamMetrics.RecordItem();
        return new SseItem<string>(JsonSerializer.Serialize(data, json), type) { EventId = id };
    }

    /// <summary>The user's allowance now: what a <c>limits.changed</c> item carries, replayed or live.</summary>
    private Task<Allowance> AllowanceAsync() => grains.Reference<IUserGrain>(connection.User).GetAllowanceAsync();

    private string Cursor(long seq) => new StreamCursor(seq, _day).ToString();

    private async Task WriteCursorAsync(long seq, CancellationToken cancellationToken)
    {
        _written = seq;
        await WriteRawAsync($"id: {Cursor(seq)}\n\n", cancellationToken);
    }

    private async Task WriteRawAsync(string frame, CancellationToken cancellationToken) =>
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), cancellationToken);
}
