using PingActors.Pings;

namespace PingActors.Grains.Tests.Users;

/// <summary>A send retried with the same ping id after the allowance day changed is answered with the first ping.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RetryAcrossMidnightTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    [Fact]
    public async Task SendPing_RetriedAfterMidnight_ReplaysThePingAndSpendsNothingToday()
    {
        var (sender, _, first) = await SendBeforeMidnightAsync();

        Fixture.Clock.SetUtcNow(first.Allowance.ResetAt);
        var retried = await User(sender).SendPingAsync(Retry(first));

        Assert.Equal((SendPingOutcome.Sent, first.Ping!.PingId, 0), (retried.Outcome, retried.Ping!.PingId, retried.Allowance.SentToday));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM pings WHERE sender = $1", sender));
        Assert.Equal(SendPingOutcome.Sent, (await SendAsync(sender, await Fixture.NewListingAsync(ClusterFixture.NewUser("owner")))).Outcome);
    }

    [Fact]
    public async Task SendPing_RetriedAfterMidnight_WithTodaysAllowanceSpent_StillReplaysThePing()
    {
        var (sender, _, first) = await SendBeforeMidnightAsync();
        Fixture.Clock.SetUtcNow(first.Allowance.ResetAt);
        Assert.Equal(SendPingOutcome.Sent, (await SendAsync(sender, await Fixture.NewListingAsync(ClusterFixture.NewUser("owner")))).Outcome);
        await Fixture.DeactivateAllAsync();

        var retried = await User(sender).SendPingAsync(Retry(first));

        Assert.Equal((SendPingOutcome.Sent, first.Ping!.PingId, 1), (retried.Outcome, retried.Ping!.PingId, retried.Allowance.SentToday));
        Assert.Equal(2L, await CountAsync("SELECT count(*) FROM pings WHERE sender = $1", sender));
    }

    [Fact]
    public async Task SendPing_RetriedDaysLater_AfterANewerPingInTheSameChat_ReplaysTheFirst()
    {
        var (sender, listing, first) = await SendBeforeMidnightAsync();
        var chat = Chat(first.Ping!.ChatId);
        await chat.WithdrawAsync(sender, first.Ping.PingId);
        await User(sender).SetDailyLimitAsync(null);
        Fixture.Clock.SetUtcNow(first.Allowance.ResetAt.AddDays(2));
        var newer = await SendAsync(sender, listing);
        Assert.Equal(SendPingOutcome.Sent, newer.Outcome);
        await chat.WithdrawAsync(sender, newer.Ping!.PingId);

        var retried = await User(sender).SendPingAsync(Retry(first));

        Assert.Equal((SendPingOutcome.Sent, first.Ping.PingId, PingStatus.Withdrawn), (retried.Outcome, retried.Ping!.PingId, retried.Ping.Status));
        Assert.Equal(2L, await CountAsync("SELECT count(*) FROM pings WHERE sender = $1", sender));
        Assert.Equal(2L, (await chat.GetAsync(sender))!.LastSeq);
    }

    private async Task<(string Sender, Guid Listing, SendPingResult First)> SendBeforeMidnightAsync()
    {
        var sender = ClusterFixture.NewUser("sender");
        var listing = await Fixture.NewListingAsync(ClusterFixture.NewUser("owner"));
        await User(sender).SetDailyLimitAsync(1);
        var oneMinuteBeforeMidnight = new DateTimeOffset(Fixture.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero).AddMinutes(-1);
        if (oneMinuteBeforeMidnight > Fixture.Clock.GetUtcNow())
        {
            Fixture.Clock.SetUtcNow(oneMinuteBeforeMidnight);
        }

        var first = await User(sender).SendPingAsync(new SendPing(Guid.NewGuid(), listing, "Still for sale?"));
        Assert.Equal(SendPingOutcome.Sent, first.Outcome);
        return (sender, listing, first);
    }

    private static SendPing Retry(SendPingResult first) => new(first.Ping!.PingId, first.Ping.ListingId, first.Ping.Message);
}
