using Orleans.Concurrency;
using PingActors.Pings;

namespace PingActors.Owners;

/// <summary>
/// The owner side of an admission: it counts the pings an owner's listings hold and take, and admits a ping
/// together with the sender's grain, so that no owner is pushed past a limit however many senders ping at once.
/// </summary>
[Alias("pingactors.IOwnerGrain")]
public interface IOwnerGrain : IGrainWithStringKey
{
    /// <summary>Admits (and holds a place for) a ping the sender's grain is about to write, or says which rule refuses it.</summary>
    Task<OwnerDecision> AdmitAsync(OwnerAdmission admission);

    /// <summary>The ping admitted by <see cref="AdmitAsync"/> was written.</summary>
    [OneWay]
    Task ConfirmAsync(Guid pingId);

    /// <summary>The ping admitted by <see cref="AdmitAsync"/> was not written: its place is free again.</summary>
    [OneWay]
    Task ReleaseAsync(Guid pingId);

    /// <summary>A pending ping of this owner's listings was answered, declined, withdrawn or expired.</summary>
    [OneWay]
    Task PingClosedAsync(Guid pingId, PingStatus status, DateTimeOffset at);
}
