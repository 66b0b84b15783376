namespace PingActors.Notifications;

/// <summary>
/// One shard of the notification directory: which API processes hold streams of which users. A publish is a few
/// lookups in memory and one one-way call per process that wants any of its events, so a committed event reaches
/// the process its user is connected to without a grain per user. Nothing here is stored: a process renews its
/// subscriptions before their lease ends, so an activation that was lost (its silo died) fills up again, and the
/// events it dropped meanwhile reach their clients through the stream's reconciliation with the outbox.
/// </summary>
[GrainType("notification-directory")]
public sealed class NotificationDirectoryGrain(TimeProvider clock) : Grain, INotificationDirectoryGrain
{
    private readonly Dictionary<GrainId, Subscriber> _nodes = [];
    private readonly Dictionary<string, List<Subscriber>> _byUser = new(StringComparer.Ordinal);

    public Task SubscribeAsync(INotificationObserver node, IReadOnlyList<string> users, bool replace, TimeSpan lease)
    {
        var now = clock.GetUtcNow();
        DropExpired(now);
        var id = node.GetGrainId();
        if (!_nodes.TryGetValue(id, out var subscriber))
        {
            _nodes[id] = subscriber = new Subscriber(node);
        }

        if (replace)
        {
            var wanted = users.ToHashSet(StringComparer.Ordinal);
            foreach (var user in subscriber.Users.Where(u => !wanted.Contains(u)).ToList())
            {
                Forget(subscriber, user);
            }
        }

        foreach (var user in users)
        {
            if (subscriber.Users.Add(user))
            {
                if (!_byUser.TryGetValue(user, out var list))
                {
                    _byUser[user] = list = [];
                }

                list.Add(subscriber);
            }
        }

        subscriber.ExpiresAt = now + lease;
        return Task.CompletedTask;
    }

    public Task PublishAsync(IReadOnlyList<StreamEvent> events)
    {
        DropExpired(clock.GetUtcNow());
        Dictionary<Subscriber, List<StreamEvent>>? deliveries = null;
        foreach (var e in events)
        {
            if (!_byUser.TryGetValue(e.Recipient, out var subscribers))
            {
                continue;
            }

            foreach (var subscriber in subscribers)
            {
                deliveries ??= [];
                if (!deliveries.TryGetValue(subscriber, out var batch))
                {
                    deliveries[subscriber] = batch = [];
                }

                batch.Add(e);
            }
        }

        foreach (var (subscriber, batch) in deliveries ?? [])
        {
            // One-way: a process that is gone costs nothing here, and its lease runs out.
            _ = subscriber.Observer.OnEventsAsync(batch);
        }

        return Task.CompletedTask;
    }

    private void DropExpired(DateTimeOffset now)
    {
        foreach (var (id, subscriber) in _nodes.Where(n => n.Value.ExpiresAt <= now).ToList())
        {
            foreach (var user in subscriber.Users.ToList())
            {
                Forget(subscriber, user);
            }

            _nodes.Remove(id);
        }
    }

    private void Forget(Subscriber subscriber, string user)
    {
        subscriber.Users.Remove(user);
        if (_byUser.TryGetValue(user, out var list) && list.Remove(subscriber) && list.Count == 0)
        {
            _byUser.Remove(user);
        }
    }

    private sealed class Subscriber(INotificationObserver observer)
    {
        public INotificationObserver Observer => observer;

        public HashSet<string> Users { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
