using System.Diagnostics.Metrics;

namespace PingActors.Api.Notifications;

/// <summary>The stream's instruments, under the meter <c>PingActors.Stream</c>.</summary>
internal static class StreamMetrics
{
    public const string MeterName = "PingActors.Stream";

    private static readonly Meter _meter = new(MeterName);
    private static readonly UpDownCounter<long> _connections = _meter.CreateUpDownCounter<long>(
        "pingactors.stream.connections", "{connection}", "Open stream connections in this process.");
    private static readonly Counter<long> _items = _meter.CreateCounter<long>(
        "pingactors.stream.items", "{item}", "Items written to stream clients, replayed or live.");
    private static readonly Counter<long> _cutOffs = _meter.CreateCounter<long>(
        "pingactors.stream.cut_offs", "{connection}", "Connections cut off because their client did not read.");
    private static readonly Counter<long> _fetched = _meter.CreateCounter<long>(
        "pingactors.stream.fetched", "{event}", "Events that did not arrive live in time and were read from the outbox.");

    public static void RecordOpened() => _connections.Add(1);

    public static void RecordClosed() => _connections.Add(-1);

    public static void RecordItem() => _items.Add(1);

    public static void RecordCutOff() => _cutOffs.Add(1);

    public static void RecordFetched(int count)
    {
        if (count > 0)
        {
            _fetched.Add(count);
        }
    }
}
