using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using PingActors.Chats;
using PingActors.Limits;
using PingActors.Storage;
using PingActors.Users;

namespace PingActors.Grains.Tests.Notifications;

/// <summary>
/// Databases from before the stream keep chats' read cursors and users' limits in grain storage. Their rows are
/// flagged when the database is migrated; the grains read the stored state, and their next write moves it into
/// the tables, with nothing lost on the way.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LegacyStateTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    [Fact]
    public async Task ChatWithCursorsInGrainStorage_KeepsThem_AndItsNextWriteMovesThemIntoItsRow()
    {
        var (owner, sender, ping) = await NewPingAsync();
        await Chat(ping.ChatId).PostMessageAsync(owner, "Still available.", null);
        await Chat(ping.ChatId).PostMessageAsync(sender, "Great.", null);
        await Chat(ping.ChatId).PostMessageAsync(sender, "And the price?", null);
        await StoreLegacyAsync(StorageNames.Chats, "chat", GrainId.Create(GrainType.Create("chat"), GrainIdKeyExtensions.CreateGuidKey(ping.ChatId)),
            new ChatState { OwnerReadSeq = 3 });
        await Fixture.Database.ExecuteAsync("UPDATE chats SET legacy_cursors = true WHERE chat_id = $1", ping.ChatId);
        await Fixture.DeactivateAllAsync();

        // Messages 3 and 4 are the sender's; the owner had read up to 3.
        Assert.Equal(1L, (await Chat(ping.ChatId).GetAsync(owner))!.Unread);
        await Chat(ping.ChatId).PostMessageAsync(sender, "Hello?", null);
        await Fixture.DeactivateAllAsync();

        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM chats WHERE chat_id = $1 AND NOT legacy_cursors AND owner_read_seq = 3", ping.ChatId));
        Assert.Equal(2L, (await Chat(ping.ChatId).GetAsync(owner))!.Unread);
    }

    [Fact]
    public async Task UserWithLimitsAndTierInGrainStorage_KeepsThem_AndTheNextChangeMovesThemIntoUserLimits()
    {
        var user = ClusterFixture.NewUser();
        var cooldown = Fixture.Clock.GetUtcNow().AddDays(2);
        await StoreLegacyAsync(StorageNames.Users, "user", GrainId.Create("user", user), new UserState
        {
            DailyLimit = 3,
            CooldownUntil = cooldown,
            Tier = TrustTier.Restricted,
            TierChangedAt = Fixture.Clock.GetUtcNow(),
        });
        await Fixture.Database.ExecuteAsync("INSERT INTO user_limits (username, changed_at, legacy) VALUES ($1, now(), true)", user);

        var before = await User(user).GetAllowanceAsync();
        await User(user).SetCooldownAsync(null);
        await Fixture.DeactivateAllAsync();
        var after = await User(user).GetAllowanceAsync();

        Assert.Equal((3, cooldown, TrustTier.Restricted), (before.DailyLimit, before.CooldownUntil, before.Tier));
        Assert.Equal((3, (DateTimeOffset?)null, TrustTier.Restricted), (after.DailyLimit, after.CooldownUntil, after.Tier));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM user_limits WHERE username = $1 AND NOT legacy AND tier = 'restricted'", user));
    }

    /// <summary>Writes state the way grain storage held it before the stream, through the silo's own provider.</summary>
    private Task StoreLegacyAsync<T>(string provider, string stateName, GrainId grain, T state)
        where T : class, new()
    {
        var storage = Fixture.Cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(provider);
        return storage.WriteStateAsync(stateName, grain, new GrainState<T>(state));
    }
}
