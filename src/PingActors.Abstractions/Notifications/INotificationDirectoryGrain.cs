namespace PingActors.Notifications;

/// <summary>
/// One of <see cref="NotificationShards.Count"/> directory shards (keyed by shard number): which API processes want
/// the events of which users (those <see cref="NotificationShards.Of"/> puts in this shard). Held in memory only:
/// processes subscribe again every so often, so a lost activation fills up again.
/// </summary>
[Alias("pingactors.INotificationDirectoryGrain")]
public interface INotificationDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// <paramref name="node"/> wants <paramref name="users"/>' events until <paramref name="lease"/> has passed
    /// without a renewal; with <paramref name="replace"/>, these are all the users it wants (in this shard).
    /// </summary>
    Task SubscribeAsync(INotificationObserver node, IReadOnlyList<string> users, bool replace, TimeSpan lease);

    /// <summary>Hands each event to the processes that want its recipient's events; drops the others.</summary>
    Task PublishAsync(IReadOnlyList<StreamEvent> events);
}
