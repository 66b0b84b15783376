using Microsoft.Extensions.DependencyInjection;
using PingActors.Platform;
using PingActors.Storage;
using PingActors.Text;
using PingActors.Users;

namespace PingActors.Listings;

/// <summary>A listing. Its owner is fixed when it is registered.</summary>
[GrainType("listing")]
public sealed class ListingGrain(
    [PersistentState("listing", StorageNames.Listings)] IPersistentState<ListingState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IListingGrain
{
    public async Task<ListingChangeResult> RegisterAsync(string owner, string title)
    {
        if (!Username.IsValid(owner))
        {
            throw new ArgumentException($"'{owner}' is not a valid username.", nameof(owner));
        }

        if (!TextRules.TryNormalizeTitle(title, out var normalized))
        {
            return new ListingChangeResult(ListingChangeOutcome.InvalidTitle, null);
        }

        if (state.State.Owner is { } current)
        {
            if (current != owner)
            {
                return new ListingChangeResult(ListingChangeOutcome.NotOwner, null);
            }

            if (state.State.Title != normalized)
            {
                await state.CommitAsync(state.State with { Title = normalized }, this);
            }

            return new ListingChangeResult(ListingChangeOutcome.Updated, ToListing());
        }

        await state.CommitAsync(new ListingState { Owner = owner, Title = normalized, Status = ListingStatus.Open, CreatedAt = clock.GetUtcNow() }, this);
        return new ListingChangeResult(ListingChangeOutcome.Created, ToListing());
    }

    public Task<Listing?> GetAsync() => Task.FromResult(state.State.Owner is null ? null : ToListing());

    public async Task<ListingChangeResult> CloseAsync(string requester)
    {
        if (state.State.Owner is null)
        {
            return new ListingChangeResult(ListingChangeOutcome.NotFound, null);
        }

        if (state.State.Owner != requester)
        {
            return new ListingChangeResult(ListingChangeOutcome.NotOwner, null);
        }

        if (state.State.Status != ListingStatus.Closed)
        {
            await state.CommitAsync(state.State with { Status = ListingStatus.Closed }, this);
        }

        return new ListingChangeResult(ListingChangeOutcome.Updated, ToListing());
    }

    private Listing ToListing() =>
        new(this.GetPrimaryKey(), state.State.Owner!, state.State.Title, state.State.Status, state.State.CreatedAt);
}
