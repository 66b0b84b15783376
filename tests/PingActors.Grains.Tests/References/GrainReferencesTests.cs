using PingActors.Chats;
using PingActors.Listings;
using PingActors.Notifications;
using PingActors.References;
using PingActors.Users;

namespace PingActors.Grains.Tests.References;

[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    [Fact]
    public void Reference_IsTheGrainOrleansWouldHaveMade_ForEveryKindOfKey()
    {
        var grains = Fixture.Grains;
        var (listing, chat) = (Guid.NewGuid(), Guid.NewGuid());

        AssertSame(grains.GetGrain<IUserGrain>("alice"), grains.Reference<IUserGrain>("alice"));
        AssertSame(grains.GetGrain<IListingGrain>(listing), grains.Reference<IListingGrain>(listing));
        AssertSame(grains.GetGrain<IChatGrain>(chat), grains.Reference<IChatGrain>(chat));
        AssertSame(grains.GetGrain<INotificationDirectoryGrain>(7), grains.Reference<INotificationDirectoryGrain>(7));
        Assert.NotEqual(((GrainReference)(object)grains.Reference<IUserGrain>("alice")).GrainId, ((GrainReference)(object)grains.Reference<IUserGrain>("bob")).GrainId);
    }

    [Fact]
    public async Task Reference_ReachesTheSameActivation()
    {
        var owner = ClusterFixture.NewUser("owner");
        var id = await Fixture.NewListingAsync(owner, "Oak table");

        var listing = await Fixture.Grains.Reference<IListingGrain>(id).GetAsync();

        Assert.Equal(await Fixture.Grains.GetGrain<IListingGrain>(id).GetAsync(), listing);
        Assert.Equal(owner, listing!.Owner);
    }

    private static void AssertSame<TGrain>(TGrain expected, TGrain actual) where TGrain : IAddressable
    {
        var (made, ours) = ((GrainReference)(object)expected, (GrainReference)(object)actual);
        Assert.Equal(made.GrainId, ours.GrainId);
        Assert.Equal(made.InterfaceType, ours.InterfaceType);
        Assert.Equal(made.GetType(), ours.GetType());
        Assert.Equal(made, ours);
    }
}
