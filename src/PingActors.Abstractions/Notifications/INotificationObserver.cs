using Orleans.Concurrency;

namespace PingActors.Notifications;

/// <summary>An API process that holds stream connections: the directory tells it of its users' events as they commit.</summary>
[Alias("pingactors.INotificationObserver")]
public interface INotificationObserver : IGrainObserver
{
    /// <summary>Events committed for users this process asked for, in no particular order. Nobody waits for it.</summary>
    [OneWay]
    Task OnEventsAsync(IReadOnlyList<StreamEvent> events);
}
