using PingActors.Pings;

namespace PingActors.Grains.Tests.Storage;

[Collection(ClusterCollection.Name)]
public sealed class DurabilityTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    public enum Shutdown
    {
        Deactivation,
        SiloRestart,
    }

    [Theory]
    [InlineData(Shutdown.Deactivation)]
    [InlineData(Shutdown.SiloRestart)]
    public async Task State_SurvivesGrainsGoingAway(Shutdown shutdown)
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var cooled = ClusterFixture.NewUser("cooled");
        await User(sender).SetDailyLimitAsync(5);
        var first = (await SendAsync(sender, await Fixture.NewListingAsync(owner))).Ping!;
        var second = (await SendAsync(sender, await Fixture.NewListingAsync(owner))).Ping!;
        var cooldown = Fixture.Clock.GetUtcNow().AddHours(6);
        await User(cooled).SetCooldownAsync(cooldown);
        await Chat(first.ChatId).PostMessageAsync(sender, "ping me back", null);
        await Chat(first.ChatId).PostMessageAsync(sender, "please", null);
        await Chat(first.ChatId).MarkReadAsync(owner, 2);
        await Chat(second.ChatId).DeclineAsync(owner, second.PingId);

        if (shutdown == Shutdown.Deactivation)
        {
            await Fixture.DeactivateAllAsync();
        }
        else
        {
            await Fixture.RestartAllSilosAsync();
        }

        var allowance = await User(sender).GetAllowanceAsync();
        Assert.Equal((5, 2, 3), (allowance.DailyLimit, allowance.SentToday, allowance.Remaining));
        Assert.Equal(cooldown, (await User(cooled).GetAllowanceAsync()).CooldownUntil);
        var chat = await Chat(first.ChatId).GetAsync(owner);
        Assert.Equal((3L, 1L), (chat!.LastSeq, chat.Unread));
        Assert.Equal(4, (await Chat(first.ChatId).PostMessageAsync(owner, "sure", null)).Message!.Seq);
        Assert.Equal(PingStatus.Declined, (await Chat(second.ChatId).GetPingAsync(sender, second.PingId))!.Status);
        Assert.Equal(PingStatus.Responded, (await Chat(first.ChatId).GetPingAsync(sender, first.PingId))!.Status);
    }
}
