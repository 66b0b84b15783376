using PingActors.Chats;
using PingActors.Pings;
using PingActors.Users;

namespace PingActors.Grains.Tests;

/// <summary>Shortcuts the grain tests share.</summary>
public abstract class GrainTestBase(ClusterFixture fixture)
{
    protected ClusterFixture Fixture => fixture;

    protected IUserGrain User(string username) => fixture.Grains.GetGrain<IUserGrain>(username);

    protected IChatGrain Chat(Guid chatId) => fixture.Grains.GetGrain<IChatGrain>(chatId);

    protected Task<SendPingResult> SendAsync(string sender, Guid listingId, string message = "Hi! Is this still available?") =>
        User(sender).SendPingAsync(new SendPing(Guid.NewGuid(), listingId, message));

    /// <summary>A ping from a new sender to a new listing of a new owner.</summary>
    protected async Task<(string Owner, string Sender, Ping Ping)> NewPingAsync()
    {
        var owner = ClusterFixture.NewUser("owner");
        var sender = ClusterFixture.NewUser("sender");
        var listing = await fixture.NewListingAsync(owner);
        var result = await SendAsync(sender, listing);
        Assert.Equal(SendPingOutcome.Sent, result.Outcome);
        return (owner, sender, result.Ping!);
    }

    protected Task<long> CountAsync(string sql, params object[] parameters) => fixture.Database.ScalarAsync<long>(sql, parameters);
}
