using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Analytics;
using PingActors.Testing;

namespace PingActors.Grains.Tests.Analytics;

/// <summary>
/// Counting the waiting events reads the whole backlog, so the readiness probe and the worker's metric reuse a count
/// for a while; the lag they report is read at every call, and a caller that needs the count as it is now asks for one.
/// </summary>
public sealed class BacklogCountTests
{
    [Fact]
    public async Task Backlog_ReusesARecentCount_WhileAFreshCountSeesNewEvents()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        using var processor = new AnalyticsProcessor(dataSource, Options.Create(new AnalyticsOptions()), TimeProvider.System, NullLogger<AnalyticsProcessor>.Instance);

        var empty = await processor.BacklogAsync();
        Assert.Equal(0, empty.Unprocessed);
        Assert.Equal(TimeSpan.Zero, empty.Lag);

        var writtenAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        await database.ExecuteAsync("""
            INSERT INTO events (event_id, event_type, occurred_at, chat_id, listing_id, sender, receiver, recipient, seq)
            VALUES ($1, 'ping.sent', now(), gen_random_uuid(), gen_random_uuid(), 'sender', 'owner', 'owner', 1)
            """, Guid.CreateVersion7(writtenAt));

        var reused = await processor.BacklogAsync();
        Assert.Equal(0, reused.Unprocessed);
        Assert.True(reused.Lag >= TimeSpan.FromMinutes(5), $"the lag read {reused.Lag}");
        Assert.InRange(reused.CountedAgo, TimeSpan.Zero, AnalyticsProcessor.CountReuse);

        Assert.Equal(1, await processor.CountUnprocessedAsync());
        var counted = await processor.BacklogAsync();
        Assert.Equal(1, counted.Unprocessed);
    }
}
