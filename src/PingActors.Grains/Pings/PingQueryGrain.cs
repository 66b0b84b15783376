using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using PingActors.Paging;
using PingActors.Platform;

namespace PingActors.Pings;

/// <summary>Answers ping reads from the history table, on whichever silo the caller reaches.</summary>
[StatelessWorker]
[GrainType("ping-query")]
public sealed class PingQueryGrain(PingQueries queries, [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IPingQueryGrain
{
    public async Task<Ping?> GetAsync(string viewer, Guid pingId) =>
        await queries.GetAsync(pingId) is { } row && row.IsParty(viewer) ? row.ToPing(clock.GetUtcNow()) : null;

    public async Task<PingPage> ListAsync(string viewer, PingListQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 100, nameof(query));

        var now = clock.GetUtcNow();
        var rows = await queries.ListAsync(viewer, query.Box, query.Status, now, query.Limit + 1, query.After);
        var page = rows.Take(query.Limit).Select(row => row.ToPing(now)).ToList();
        var next = rows.Count > query.Limit ? new PageCursor(page[^1].CreatedAt, page[^1].PingId) : null;
        return new PingPage(page, next);
    }
}
