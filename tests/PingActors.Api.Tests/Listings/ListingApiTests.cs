using System.Net;
using System.Net.Http.Json;

namespace PingActors.Api.Tests.Listings;

[Collection(ApiCollection.Name)]
public sealed class ListingApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Put_NewListing_Is201WithTheListing()
    {
        var owner = ApiFixture.NewUser("owner");
        var client = await Fixture.SignInAsync(owner);
        var listingId = Guid.NewGuid();

        var response = await client.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = " Sofa " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/v1/listings/{listingId}", response.Headers.Location!.OriginalString);
        var listing = await JsonAsync(response);
        Assert.Equal((listingId, owner, "Sofa", "open"), (listing.GetProperty("listingId").GetGuid(), listing.GetProperty("owner").GetString(),
            listing.GetProperty("title").GetString(), listing.GetProperty("status").GetString()));
        Assert.EndsWith("Z", listing.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ExistingListingByItsOwner_Is200()
    {
        var (_, client, listingId) = await NewListingAsync();

        var response = await client.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = "Sofa, now cheaper" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Sofa, now cheaper", (await JsonAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Put_SomeoneElsesListing_Is403()
    {
        var (_, _, listingId) = await NewListingAsync();
        var other = await Fixture.SignInAsync(ApiFixture.NewUser());

        var response = await other.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = "Mine now" });

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Put_NamingAnotherOwner_IsForServicesOnly()
    {
        var owner = ApiFixture.NewUser("owner");
        var user = await Fixture.SignInAsync(ApiFixture.NewUser());
        var service = await Fixture.SignInAsync("catalogue-service", "service");

        var byUser = await user.PutAsJsonAsync($"/v1/listings/{Guid.NewGuid()}", new { title = "Lamp", owner });
        var byService = await service.PutAsJsonAsync($"/v1/listings/{Guid.NewGuid()}", new { title = "Lamp", owner });

        await AssertProblemAsync(byUser, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.Created, byService.StatusCode);
        Assert.Equal(owner, (await JsonAsync(byService)).GetProperty("owner").GetString());
    }

    [Fact]
    public async Task Put_WithoutATitleOrWithABadOwner_Is400NamingTheFields()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser(), "admin");

        var response = await client.PutAsJsonAsync($"/v1/listings/{Guid.NewGuid()}", new { owner = "No Such User!" });

        await AssertInvalidAsync(response, "title", "owner");
    }

    [Fact]
    public async Task Put_WithABlankTitle_Is400()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        var response = await client.PutAsJsonAsync($"/v1/listings/{Guid.NewGuid()}", new { title = "   " });

        await AssertInvalidAsync(response, "title");
    }

    [Fact]
    public async Task Get_UnknownListing_Is404()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        await AssertProblemAsync(await client.GetAsync($"/v1/listings/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Close_ByTheOwner_Is200AndByAnyoneElse403()
    {
        var (_, ownerClient, listingId) = await NewListingAsync();
        var other = await Fixture.SignInAsync(ApiFixture.NewUser());

        var byOther = await other.PostAsync($"/v1/listings/{listingId}/close", null);
        var byOwner = await ownerClient.PostAsync($"/v1/listings/{listingId}/close", null);

        await AssertProblemAsync(byOther, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal("closed", (await JsonAsync(byOwner)).GetProperty("status").GetString());
        Assert.Equal("closed", (await JsonAsync(await other.GetAsync($"/v1/listings/{listingId}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Close_UnknownListing_Is404()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        await AssertProblemAsync(await client.PostAsync($"/v1/listings/{Guid.NewGuid()}/close", null), HttpStatusCode.NotFound, "not-found");
    }
}
