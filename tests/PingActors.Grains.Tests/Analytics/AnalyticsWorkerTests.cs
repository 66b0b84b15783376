using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Analytics;
using PingActors.History;
using PingActors.Testing;

namespace PingActors.Grains.Tests.Analytics;

/// <summary>
/// A worker that keeps finding nothing rests longer and longer, so an idle silo costs the database little, yet it
/// looks for the events its own silo writes as soon as the writer has written them. Its rests run on a fake clock
/// here, moved while the worker idles towards a long rest and then not until it has looked: only the write can wake it.
/// </summary>
public sealed class AnalyticsWorkerTests
{
    private static readonly TimeSpan _patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AWorkerRestingLongForWantOfEvents_WakesWhenItsSiloWrites_AndAppliesTheEvent()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var options = Options.Create(new AnalyticsOptions { PollInterval = TimeSpan.FromMilliseconds(50), IdlePollInterval = TimeSpan.FromMinutes(10) });
        using var processor = new AnalyticsProcessor(dataSource, options, TimeProvider.System, NullLogger<AnalyticsProcessor>.Instance);
        var clock = new TimerRecordingClock();
        var load = new WritePathLoad(clock, Options.Create(new GroupCommitOptions()));
        using var worker = new AnalyticsWorker(processor, load, options, clock, NullLogger<AnalyticsWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            // Each rest is a timer on the clock: move past the short ones, until the worker has begun a long one.
            var seen = 0;
            while (true)
            {
                var due = await clock.TimerAsync(seen++, _patience);
                if (due > TimeSpan.FromSeconds(1))
                {
                    break;
                }

                clock.Advance(due);
            }

            var eventId = Guid.CreateVersion7();
            await database.ExecuteAsync("""
                INSERT INTO events (event_id, event_type, occurred_at, chat_id, listing_id, sender, receiver, recipient, seq)
                VALUES ($1, 'ping.sent', now(), gen_random_uuid(), gen_random_uuid(), 'sender', 'owner', 'owner', 1)
                """, eventId);
            var restingSince = clock.GetUtcNow();
            using (load.Begin(1))
            {
                // the writer's batch that wrote it
            }

            // Woken, it looks at once: its next rest begins with the clock where it was.
            await clock.TimerAsync(seen, _patience);
            Assert.Equal(restingSince, clock.GetUtcNow());

            // That look applies the event, unless a transaction elsewhere on the server (another test's) still held it
            // behind the snapshot's xmin; then a later look does.
            while (await database.ScalarAsync<long>("SELECT count(*) FROM unprocessed_events WHERE event_id = $1", eventId) > 0)
            {
                clock.Advance(await clock.TimerAsync(seen++, _patience));
            }
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
