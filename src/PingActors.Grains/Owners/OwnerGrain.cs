using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PingActors.Limits;
using PingActors.Pings;
using PingActors.Platform;

namespace PingActors.Owners;

/// <summary>
/// The owner side of every ping to an owner's listings (<see cref="OwnerLimits"/>): busy owners and listings, and
/// senders the owner declined. It admits a ping together with the sender's grain: it holds a place for the ping
/// before the sender writes it, so no number of concurrent senders can push an owner past a limit, and a refusal
/// here costs the sender nothing. A place neither confirmed nor released within a while (the sender's grain died
/// in between) sends it back to the rows for the truth.
/// </summary>
[GrainType("owner")]
public sealed class OwnerGrain(
    OwnerHistoryLoader loader,
    LimitPolicies policies,
    IOptions<PingOptions> options,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IOwnerGrain
{
    private static readonly TimeSpan _confirmWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan _day = TimeSpan.FromHours(24);

    private OwnerLimits _limits = null!;

    // Read once: the grain's id makes a new string every time it is asked.
    private string? _owner;

    private string Owner => _owner ??= this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => _limits = await LoadAsync(clock.GetUtcNow());

    public async Task<OwnerDecision> AdmitAsync(OwnerAdmission admission)
    {
        var now = clock.GetUtcNow();
        if (_limits.OverdueReservations(now))
        {
            var inTime = _limits.ReservationsInTime(now);
            var reloaded = await LoadAsync(now);
            foreach (var (ping, confirmBy) in inTime)
            {
                reloaded.Reserve(ping, confirmBy);
            }

            _limits = reloaded;
        }

        var (enforced, shadow) = policies.Current.For(admission.Sender);
        var shadowRefused = shadow is null ? null : _limits.Check(shadow, admission.Sender, admission.ListingId, now)?.Rule;
        if (_limits.Check(enforced, admission.Sender, admission.ListingId, now) is { } refusal)
        {
            return new OwnerDecision(refusal.Rule, refusal.RetryAt, shadowRefused);
        }

        _limits.Reserve(new PendingPing(admission.PingId, admission.Sender, Owner, admission.ListingId, admission.At, admission.ExpiresAt), now + _confirmWithin);
        return new OwnerDecision(null, null, shadowRefused);
    }

    public Task ConfirmAsync(Guid pingId)
    {
        _limits.Confirm(pingId);
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(Guid pingId)
    {
        _limits.Release(pingId);
        return Task.CompletedTask;
    }

    public Task PingClosedAsync(Guid pingId, PingStatus status, DateTimeOffset at)
    {
        _limits.Closed(new PingClosed(pingId, status, at));
        return Task.CompletedTask;
    }

    private Task<OwnerLimits> LoadAsync(DateTimeOffset now)
    {
        var life = options.Value.Expiry;
        var block = policies.Current.Enforced.DeclineBlock ?? TimeSpan.Zero;
        var candidateBlock = policies.Current.Candidate?.DeclineBlock ?? TimeSpan.Zero;
        return loader.LoadAsync(Owner, now - (life > _day ? life : _day), now - (block > candidateBlock ? block : candidateBlock));
    }
}
