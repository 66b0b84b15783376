using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace PingActors.Api.Tests;

/// <summary>Requests the API cannot read are 400 problems that name the field, never 500s.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task UnknownJsonField_Is400NamingIt()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        var response = await client.PostAsJsonAsync("/v1/pings", new { listingId = Guid.NewGuid(), message = "hi", priority = "urgent" });

        await AssertInvalidAsync(response, "priority");
    }

    [Fact]
    public async Task WrongJsonType_Is400NamingTheField()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        var response = await client.PostAsJsonAsync("/v1/pings", new { listingId = 42, message = "hi" });

        await AssertInvalidAsync(response, "listingId");
    }

    [Fact]
    public async Task NumberSentAsAString_Is400()
    {
        var admin = await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");

        var response = await admin.PutAsJsonAsync($"/v1/admin/users/{ApiFixture.NewUser()}/limits", new { dailyLimit = "7" });

        await AssertInvalidAsync(response, "dailyLimit");
    }

    [Fact]
    public async Task MalformedJson_Is400()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        var response = await client.PostAsync("/v1/pings", new StringContent("{\"listingId\": ", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task BodyOver64KiB_Is400()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        var response = await client.PostAsJsonAsync("/v1/pings", new { listingId = Guid.NewGuid(), message = new string('x', 70_000) });

        await AssertInvalidAsync(response, "body");
    }

    [Theory]
    [InlineData("GET", "/v1/listings/not-a-guid", "listingId")]
    [InlineData("GET", "/v1/pings/123", "pingId")]
    [InlineData("GET", "/v1/chats/xyz", "chatId")]
    [InlineData("POST", "/v1/pings/nope/decline", "pingId")]
    [InlineData("GET", "/v1/chats?limit=lots", "limit")]
    public async Task MalformedIdOrNumber_Is400NamingIt(string method, string path, string field)
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertInvalidAsync(response, field);
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        await AssertProblemAsync(await client.GetAsync("/v1/nothing-here"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task WrongMethod_Is405Problem()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        await AssertProblemAsync(await client.DeleteAsync("/v1/me/limits"), HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }
}
