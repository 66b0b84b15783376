using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace PingActors.Api.Tests.Problems;

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

    public static TheoryData<string, string, string> NonCanonicalIds()
    {
        var id = Guid.NewGuid();
        return new()
        {
            { "GET", $"/v1/pings/{id:B}", "pingId" },
            { "GET", $"/v1/pings/{id}%20", "pingId" },
            { "GET", $"/v1/pings/%20{id}", "pingId" },
            { "GET", $"/v1/pings/{id:P}", "pingId" },
            { "GET", $"/v1/pings/{id:N}", "pingId" },
            { "GET", $"/v1/pings/{id:X}", "pingId" },
            { "POST", $"/v1/pings/{id:B}/withdraw", "pingId" },
            { "GET", $"/v1/listings/{id:B}", "listingId" },
            { "POST", $"/v1/listings/{id}%20/close", "listingId" },
            { "GET", $"/v1/listings/{id:N}/stats", "listingId" },
            { "GET", $"/v1/chats/{id:B}", "chatId" },
            { "GET", $"/v1/chats/{id}%09/messages", "chatId" },
        };
    }

    [Theory]
    [MemberData(nameof(NonCanonicalIds))]
    public async Task IdNotInItsCanonicalForm_Is400NamingTheParameter(string method, string path, string field)
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertInvalidAsync(response, field);
    }

    [Fact]
    public async Task IdInItsCanonicalForm_InEitherCase_ReachesTheRoute()
    {
        var (_, client, listingId) = await NewListingAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/listings/{listingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/listings/{listingId.ToString().ToUpperInvariant()}")).StatusCode);
    }

    [Fact]
    public async Task DuplicateJsonField_Is400NamingIt_AndChangesNothing()
    {
        var (_, _, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser();
        var client = await Fixture.SignInAsync(sender);
        var body = $$"""{"listingId":"{{listingId}}","message":"harmless","message":"something else"}""";

        var response = await client.PostAsync("/v1/pings", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertInvalidAsync(response, "message");
        Assert.Equal(0L, await Fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE sender = $1", sender));
    }

    [Fact]
    public async Task DuplicateJsonField_DifferingOnlyInCase_InANestedItem_Is400NamingIt()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());
        var body = $$"""{"items":[{"listingId":"{{Guid.NewGuid()}}","message":"a","Message":"b"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings/batch") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        await AssertInvalidAsync(await client.SendAsync(request), "items[0].Message");
    }

    [Fact]
    public async Task BodyThatIsNotJson_Is415()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        var response = await client.PostAsync("/v1/pings", new StringContent("listingId=1&message=hi", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
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

        var response = await client.DeleteAsync("/v1/me/limits");

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.Equal(["GET"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("GET", "/v1/pings/batch", "POST")]
    [InlineData("DELETE", "/v1/pings/batch", "POST")]
    public async Task WrongMethodOnALiteralRoute_BesideARouteWithAnId_Is405WithAllow(string method, string path, string allowed)
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.Equal([allowed], response.Content.Headers.Allow);
    }
}
