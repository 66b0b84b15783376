using PingActors.Listings;

namespace PingActors.Grains.Tests.Listings;

[Collection(ClusterCollection.Name)]
public sealed class ListingTests(ClusterFixture fixture) : GrainTestBase(fixture)
{
    private IListingGrain Listing(Guid id) => Fixture.Grains.GetGrain<IListingGrain>(id);

    [Fact]
    public async Task Register_NewListing_IsCreatedOpenForItsOwner()
    {
        var owner = ClusterFixture.NewUser("owner");
        var id = Guid.NewGuid();

        var created = await Listing(id).RegisterAsync(owner, "  Oak table  ");

        Assert.Equal(ListingChangeOutcome.Created, created.Outcome);
        Assert.Equal(new Listing(id, owner, "Oak table", ListingStatus.Open, Fixture.Clock.GetUtcNow()), created.Listing);
        Assert.Equal(created.Listing, await Listing(id).GetAsync());
    }

    [Fact]
    public async Task Register_AgainByItsOwner_UpdatesTheTitle()
    {
        var owner = ClusterFixture.NewUser("owner");
        var id = await Fixture.NewListingAsync(owner, "Oak table");

        var updated = await Listing(id).RegisterAsync(owner, "Oak table, seats six");

        Assert.Equal((ListingChangeOutcome.Updated, "Oak table, seats six"), (updated.Outcome, updated.Listing!.Title));
    }

    [Fact]
    public async Task Register_BySomeoneElse_IsRefusedAndChangesNothing()
    {
        var owner = ClusterFixture.NewUser("owner");
        var id = await Fixture.NewListingAsync(owner, "Oak table");

        var refused = await Listing(id).RegisterAsync(ClusterFixture.NewUser("other"), "Mine now");

        Assert.Equal(new ListingChangeResult(ListingChangeOutcome.NotOwner, null), refused);
        Assert.Equal((owner, "Oak table"), ((await Listing(id).GetAsync())!.Owner, (await Listing(id).GetAsync())!.Title));
    }

    [Fact]
    public async Task Register_WithAnEmptyTitle_IsRefused()
    {
        var refused = await Listing(Guid.NewGuid()).RegisterAsync(ClusterFixture.NewUser("owner"), "   ");

        Assert.Equal(ListingChangeOutcome.InvalidTitle, refused.Outcome);
    }

    [Fact]
    public async Task Close_ByTheOwnerOnly()
    {
        var owner = ClusterFixture.NewUser("owner");
        var id = await Fixture.NewListingAsync(owner);

        var byStranger = await Listing(id).CloseAsync(ClusterFixture.NewUser("other"));
        var byOwner = await Listing(id).CloseAsync(owner);

        Assert.Equal(ListingChangeOutcome.NotOwner, byStranger.Outcome);
        Assert.Equal((ListingChangeOutcome.Updated, ListingStatus.Closed), (byOwner.Outcome, byOwner.Listing!.Status));
    }

    [Fact]
    public async Task UnknownListing_ReadsAsNullAndCannotBeClosed()
    {
        var id = Guid.NewGuid();

        Assert.Null(await Listing(id).GetAsync());
        Assert.Equal(ListingChangeOutcome.NotFound, (await Listing(id).CloseAsync("anyone")).Outcome);
    }
}
