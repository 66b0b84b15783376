using Microsoft.Extensions.Options;
using PingActors.Notifications;
using PingActors.References;

namespace PingActors.Api.Notifications;

/// <summary>
/// This process's stream connections, and its place in the notification directory. It is the process's one grain
/// observer: the directory calls it with the events of the users connected here, and it hands each event to their
/// connections (never waiting on a client: a connection that does not keep up is cut off). Orleans holds an
/// observer only weakly; this singleton holds it for the life of the process.
/// </summary>
internal sealed partial class StreamHub(
    IGrainFactory grains, StreamSequencer sequencer, IOptions<StreamOptions> options, ILogger<StreamHub> logger) : INotificationObserver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<StreamConnection>> _byUser = new(StringComparer.Ordinal);
    private INotificationObserver? _reference;

    /// <summary>How long a subscription lasts without a renewal.</summary>
    public TimeSpan Lease => options.Value.SubscriptionRefresh * 3;

    private INotificationObserver Reference
    {
        get
        {
            lock (_gate)
            {
                return _reference ??= grains.CreateObjectReference<INotificationObserver>(this);
            }
        }
    }

    /// <summary>Every open connection.</summary>
    public IReadOnlyList<StreamConnection> Connections
    {
        get
        {
            lock (_gate)
            {
                return [.. _byUser.Values.SelectMany(list => list)];
            }
        }
    }

    /// <summary>
    /// Opens a connection for <paramref name="user"/> that receives live events from now on; a user's first
    /// connection here subscribes them in the directory first, so nothing committed after this returns is missed.
    /// </summary>
    public async Task<StreamConnection> OpenAsync(string user, Action cutOff)
    {
        var connection = new StreamConnection(user, options.Value.BufferSize, cutOff);
        bool first;
        lock (_gate)
        {
            if (!_byUser.TryGetValue(user, out var list))
            {
                _byUser[user] = list = [];
            }

            list.Add(connection);
            first = list.Count == 1;
        }

        StreamMetrics.RecordOpened();
        if (first)
        {
            try
            {
                await Directory(user).SubscribeAsync(Reference, [user], replace: false, Lease);
            }
            catch
            {
                Close(connection);
                throw;
            }
        }

        return connection;
    }

    /// <summary>The connection ended. Its user's subscription lapses at the next renewal if it was their last.</summary>
    public void Close(StreamConnection connection)
    {
        lock (_gate)
        {
            if (_byUser.TryGetValue(connection.User, out var list) && list.Remove(connection) && list.Count == 0)
            {
                _byUser.Remove(connection.User);
            }
        }

        connection.Complete();
        StreamMetrics.RecordClosed();
    }

    /// <summary>The replay of <paramref name="connection"/> reached <paramref name="position"/>: live events take over.</summary>
    public void GoLive(StreamConnection connection, long position)
    {
        if (connection.GoLive(position))
        {
            sequencer.Check(connection);
        }
    }

    public Task OnEventsAsync(IReadOnlyList<StreamEvent> events)
    {
        foreach (var e in events)
        {
            StreamConnection[] connections;
            lock (_gate)
            {
                if (!_byUser.TryGetValue(e.Recipient, out var list))
                {
                    continue;
                }

                connections = [.. list];
            }

            foreach (var connection in connections)
            {
                if (connection.Offer(e))
                {
                    sequencer.Check(connection);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Renews this process's subscriptions: in each shard, exactly the users connected here now.</summary>
    public async Task RenewSubscriptionsAsync()
    {
        string[] users;
        lock (_gate)
        {
            users = [.. _byUser.Keys];
        }

        var byShard = users.ToLookup(NotificationShards.Of);
        await Task.WhenAll(Enumerable.Range(0, NotificationShards.Count).Select(async shard =>
        {
            try
            {
                await grains.Reference<INotificationDirectoryGrain>(shard).SubscribeAsync(Reference, [.. byShard[shard]], replace: true, Lease);
            }
            catch (Exception ex)
            {
                LogRenewFailed(ex, shard);
            }
        }));
    }

    private INotificationDirectoryGrain Directory(string user) => grains.Reference<INotificationDirectoryGrain>(NotificationShards.Of(user));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the stream subscriptions of directory shard {Shard} failed; the next renewal tries again.")]
    private partial void LogRenewFailed(Exception exception, int shard);
}
