using Microsoft.Extensions.Options;
using PingActors.Insights;
using PingActors.Platform;

namespace PingActors.Api.Insights;

/// <summary>
/// The insights reads of this API node: the figures behind them come from the aggregates through
/// <see cref="InsightQueries"/> and are kept in memory for <see cref="InsightOptions.ReadMaxAge"/> (see
/// <see cref="RecentReads{TKey, TValue}"/>), so a read of an owner or a listing read before does not wait for the
/// database, and a busy database does not hold it up. The predictions are computed at each read, with the current
/// population model and the current time. The aggregates themselves trail the pings by the workers' lag, so the
/// figures were never more recent than that; the age adds to it.
/// </summary>
public sealed class InsightReads
{
    private readonly InsightQueries _queries;
    private readonly InsightModelSource _models;
    private readonly TimeProvider _clock;
    private readonly RecentReads<string, OwnerRead> _owners;
    private readonly RecentReads<Guid, ListingRead> _listings;

    public InsightReads(InsightQueries queries, InsightModelSource models, IOptions<InsightOptions> options, [FromKeyedServices(DomainClock.Key)] TimeProvider clock)
    {
        (_queries, _models, _clock) = (queries, models, clock);
        var (maxAge, capacity) = (options.Value.ReadMaxAge, options.Value.ReadCacheSize);
        _owners = new(maxAge, capacity, clock);
        _listings = new(maxAge, capacity, clock);
    }

    /// <summary>How many reads of the database these insights have made.</summary>
    public long Reads => _owners.Reads + _listings.Reads;

    public async Task<OwnerInsights> GetOwnerAsync(string username, CancellationToken cancellationToken = default)
    {
        var model = await _models.GetAsync(cancellationToken);
        var read = await _owners.GetAsync(username, token => _queries.ReadOwnerAsync(username, token), cancellationToken);
        return _queries.Predictor.ForOwner(read.Owner, read.Hours, model, _clock.GetUtcNow());
    }

    /// <summary>A listing's figures; <paramref name="owner"/> is its owner.</summary>
    public async Task<ListingInsights> GetListingAsync(Guid listingId, string owner, CancellationToken cancellationToken = default)
    {
        var model = await _models.GetAsync(cancellationToken);
        var read = await _listings.GetAsync(listingId, token => _queries.ReadListingAsync(listingId, owner, token), cancellationToken);
        return _queries.Predictor.ForListing(listingId, read.Listing, read.Owner.Owner, read.Owner.Hours, model, _clock.GetUtcNow());
    }
}
