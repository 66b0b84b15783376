using PingActors.Chats;
using PingActors.Pings;

namespace PingActors.Grains.Tests.Chats;

/// <summary>A chat is opened by its first ping, usually without its grain; the grain never serves a stale view of it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ChatOpeningTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    [Fact]
    public async Task ChatGrain_ActiveBeforeItsChatIsOpenedElsewhere_ServesTheChatOnceItExists()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var listing = await Fixture.NewListingAsync(owner);
        var chat = Chat(ChatId.For(listing, sender));
        Assert.Null(await chat.GetAsync(sender));
        Assert.Equal(PostMessageOutcome.NotFound, (await chat.PostMessageAsync(sender, "Hello?", null)).Outcome);

        var ping = (await SendAsync(sender, listing)).Ping!;

        Assert.Equal(1L, (await chat.GetAsync(sender))!.LastSeq);
        Assert.Equal(ping, await chat.GetPingAsync(owner, ping.PingId));
        Assert.Equal(2L, (await chat.PostMessageAsync(owner, "Yes, still here.", null)).Message!.Seq);
        Assert.Equal(PingStatus.Responded, (await chat.GetPingAsync(sender, ping.PingId))!.Status);
    }

    [Fact]
    public async Task OpenPing_ThroughTheChatGrainOfANewChat_OpensTheChatWithIt()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var listing = await Fixture.NewListingAsync(owner);
        var chat = Chat(ChatId.For(listing, sender));
        var at = Fixture.Clock.GetUtcNow();
        var command = new OpenPing(Guid.NewGuid(), listing, owner, sender, "Hi", at, at.AddDays(3), DateOnly.FromDateTime(at.UtcDateTime), 1);

        var opened = await chat.OpenPingAsync(command);
        var again = await chat.OpenPingAsync(command);

        Assert.Equal((OpenPingOutcome.Opened, command.PingId), (opened.Outcome, opened.Ping.PingId));
        Assert.Equal((OpenPingOutcome.AlreadyOpened, opened.Ping), (again.Outcome, again.Ping));
        Assert.Equal(1L, (await chat.GetAsync(owner))!.LastSeq);
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM pings WHERE chat_id = $1", chat.GetPrimaryKey()));
    }
}
