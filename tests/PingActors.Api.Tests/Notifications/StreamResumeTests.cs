using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PingActors.Analytics;
using PingActors.Testing;
using PingActors.Users;

namespace PingActors.Api.Tests.Notifications;

/// <summary>Resuming a stream: exactly what was missed, a resync where that is gone, and the allowance resets.</summary>
[Collection(StreamApiCollection.Name)]
public sealed class StreamResumeTests(StreamApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Stream_ResumedWithLastEventId_ReplaysExactlyTheMissedItemsInOrder_ThenGoesLive()
    {
        var (_, ownerClient, listingId) = await NewListingAsync();
        var first = await SenderAsync();
        string lastId;
        await using (var stream = await EventStream.ConnectAsync(ownerClient))
        {
            await StreamApiTests.PingAsync(first, listingId.ToString());
            lastId = (await stream.NextItemAsync()).Id!;
        }

        var missed = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            missed.Add(await StreamApiTests.PingAsync(await SenderAsync(), listingId.ToString(), $"missed {i}"));
        }

        await using var resumed = await EventStream.ConnectAsync(ownerClient, lastId);
        var replayed = await resumed.NextItemsAsync(4);
        var live = await StreamApiTests.PingAsync(await SenderAsync(), listingId.ToString(), "live");
        var next = await resumed.NextItemAsync();

        Assert.Equal(missed, replayed.Select(i => i.Json.GetProperty("pingId").GetGuid()));
        Assert.Equal(replayed.Select(i => i.Seq).Order(), replayed.Select(i => i.Seq));
        Assert.True(replayed[0].Seq > long.Parse(lastId, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(live, next.Json.GetProperty("pingId").GetGuid());
        Assert.True(next.Seq > replayed[^1].Seq);
    }

    [Fact]
    public async Task Stream_ResumedFromAPositionItNeverHandedOut_StartsWithResync()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        await using var stream = await EventStream.ConnectAsync(client, lastEventId: "999999999999");
        var item = await stream.NextItemAsync();

        Assert.Equal(("resync", "unknown-position"), (item.Event, item.Json.GetProperty("reason").GetString()));
        Assert.True(item.Seq < 999999999999);
    }

    [Fact]
    public async Task Stream_ResumedFromBelowWhatPruningDeleted_StartsWithResync_ThenGoesOnLive()
    {
        var (owner, ownerClient, listingId) = await NewListingAsync();
        string lastId;
        await using (var stream = await EventStream.ConnectAsync(ownerClient))
        {
            await StreamApiTests.PingAsync(await SenderAsync(), listingId.ToString());
            lastId = (await stream.NextItemAsync()).Id!;
        }

        await StreamApiTests.PingAsync(await SenderAsync(), listingId.ToString(), "pruned before the client came back");
        await PruneEverythingProcessedAsync(owner);

        await using var resumed = await EventStream.ConnectAsync(ownerClient, lastId);
        var resync = await resumed.NextItemAsync();
        var live = await StreamApiTests.PingAsync(await SenderAsync(), listingId.ToString(), "after the resync");

        Assert.Equal(("resync", "retention"), (resync.Event, resync.Json.GetProperty("reason").GetString()));
        Assert.Equal(live, (await resumed.NextItemAsync()).Json.GetProperty("pingId").GetGuid());
    }

    [Fact]
    public async Task Stream_OpenAtTheAllowanceReset_CarriesLimitsChanged_WithAResumablePosition()
    {
        var user = ApiFixture.NewUser();
        var client = await Fixture.SignInAsync(user);
        await using var stream = await EventStream.ConnectAsync(client);
        var opened = await stream.NextFrameAsync();

        Fixture.Clock.Advance(UntilTheNextReset());
        var reset = await StreamApiTests.NextOfTypeAsync(stream, "limits.changed");

        var today = Fixture.Services.GetRequiredService<AllowanceCalendar>().DayOf(Fixture.Clock.GetUtcNow());
        Assert.Equal($"{opened.Id!.Split(':')[0]}:{today:yyyyMMdd}", reset.Id);
        Assert.Equal(0, reset.Json.GetProperty("sentToday").GetInt32());
        await using var resumed = await EventStream.ConnectAsync(client, reset.Id);
        Assert.Null((await resumed.NextFrameAsync()).Data);
    }

    [Fact]
    public async Task Stream_ResumedAfterAResetItMissed_StartsWithLimitsChanged()
    {
        var ping = await NewPingAsync();
        string lastId;
        await using (var stream = await EventStream.ConnectAsync(ping.OwnerClient))
        {
            StreamApiTests.Ok(await ping.SenderClient.PostAsync($"/v1/pings/{ping.PingId}/withdraw", null));
            lastId = (await stream.NextItemAsync()).Id!;
        }

        Fixture.Clock.Advance(UntilTheNextReset());

        await using var resumed = await EventStream.ConnectAsync(ping.OwnerClient, lastId);
        var first = await resumed.NextItemAsync();
        Assert.Equal("limits.changed", first.Event);
        Assert.StartsWith($"{lastId}:", first.Id, StringComparison.Ordinal);
    }

    private TimeSpan UntilTheNextReset()
    {
        var calendar = Fixture.Services.GetRequiredService<AllowanceCalendar>();
        var now = Fixture.Clock.GetUtcNow();
        return calendar.ResetAfter(calendar.DayOf(now)) - now;
    }

    private Task<HttpClient> SenderAsync() => Fixture.SignInAsync(ApiFixture.NewUser("sender"));

    /// <summary>Waits until the workers applied <paramref name="user"/>'s events, then prunes as if the retention had passed.</summary>
    private async Task PruneEverythingProcessedAsync(string user)
    {
        await using (var signals = await DatabaseSignals.ListenAsync(Fixture.Database.ConnectionString, AnalyticsProcessor.Channel))
        {
            await signals.UntilAsync(
                async () => await Fixture.Database.ScalarAsync<long>("SELECT count(*) FROM unprocessed_events WHERE recipient = $1", user) == 0,
                EventStream.Patience, "the workers to apply the owner's events");
        }

        await using var database = NpgsqlDataSource.Create(Fixture.Database.ConnectionString);
        var retention = TimeSpan.FromDays(7);
        using var processor = new AnalyticsProcessor(database, Options.Create(new AnalyticsOptions { EventRetention = retention }),
            new FakeTimeProvider(DateTimeOffset.UtcNow + retention + TimeSpan.FromMinutes(1)), NullLogger<AnalyticsProcessor>.Instance);
        Assert.True(await processor.PruneAsync() > 0);
    }
}
