using PingActors.Pings;

namespace PingActors.Grains.Tests.Users;

[Collection(ClusterCollection.Name)]
public sealed class AllowanceTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    [Fact]
    public async Task Allowance_AfterMidnightUtc_IsRestored()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        await User(sender).SetDailyLimitAsync(1);
        Assert.Equal(SendPingOutcome.Sent, (await SendAsync(sender, await Fixture.NewListingAsync(owner))).Outcome);
        var exhausted = await SendAsync(sender, await Fixture.NewListingAsync(owner));
        Assert.Equal(SendPingOutcome.DailyLimitExceeded, exhausted.Outcome);

        Fixture.Clock.SetUtcNow(exhausted.RetryAt!.Value);
        var nextDay = await SendAsync(sender, await Fixture.NewListingAsync(owner));

        Assert.Equal(SendPingOutcome.Sent, nextDay.Outcome);
        Assert.Equal((1, 1, 0), (nextDay.Allowance.DailyLimit, nextDay.Allowance.SentToday, nextDay.Allowance.Remaining));
        Assert.Equal(exhausted.RetryAt.Value.AddDays(1), nextDay.Allowance.ResetAt);
    }

    [Fact]
    public async Task Allowance_OneTickBeforeMidnight_IsStillSpent()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        await User(sender).SetDailyLimitAsync(1);
        var sent = await SendAsync(sender, await Fixture.NewListingAsync(owner));

        Fixture.Clock.SetUtcNow(sent.Allowance.ResetAt.AddTicks(-1));
        var result = await SendAsync(sender, await Fixture.NewListingAsync(owner));

        Assert.Equal(SendPingOutcome.DailyLimitExceeded, result.Outcome);
    }

    [Fact]
    public async Task Cooldown_BlocksUntilItsTimeAndNotAfter()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var until = Fixture.Clock.GetUtcNow().AddMinutes(30);
        await User(sender).SetCooldownAsync(until);

        Fixture.Clock.SetUtcNow(until.AddTicks(-1));
        var during = await SendAsync(sender, await Fixture.NewListingAsync(owner));
        Fixture.Clock.SetUtcNow(until);
        var after = await SendAsync(sender, await Fixture.NewListingAsync(owner));

        Assert.Equal(SendPingOutcome.CooldownActive, during.Outcome);
        Assert.Equal(SendPingOutcome.Sent, after.Outcome);
        Assert.Null(after.Allowance.CooldownUntil);
    }

    [Fact]
    public async Task Cooldown_SetToNull_IsLifted()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        await User(sender).SetCooldownAsync(Fixture.Clock.GetUtcNow().AddDays(7));

        var lifted = await User(sender).SetCooldownAsync(null);
        var result = await SendAsync(sender, await Fixture.NewListingAsync(owner));

        Assert.Null(lifted.CooldownUntil);
        Assert.Equal(SendPingOutcome.Sent, result.Outcome);
    }

    [Fact]
    public async Task DailyLimit_OverrideThenReset_FallsBackToTheDefault()
    {
        var sender = ClusterFixture.NewUser("sender");

        var raised = await User(sender).SetDailyLimitAsync(500);
        var reset = await User(sender).SetDailyLimitAsync(null);

        Assert.Equal(500, raised.DailyLimit);
        Assert.Equal(50, reset.DailyLimit);
    }
}
