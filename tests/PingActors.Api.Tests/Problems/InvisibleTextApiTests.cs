using System.Net;
using System.Net.Http.Json;

namespace PingActors.Api.Tests.Problems;

/// <summary>Text a reader cannot see, or that shows something other than what was sent, is refused and changes nothing.</summary>
[Collection(ApiCollection.Name)]
public sealed class InvisibleTextApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Theory]
    [InlineData("\u200B\u200C\u200D")]
    [InlineData("\u2060\uFEFF")]
    [InlineData("\u00A0")]
    [InlineData("Pay me \u202Eeulav doog")]
    [InlineData("\u2066x\u2069")]
    public async Task Ping_WithInvisibleOrReorderedText_Is400InvalidMessageAndSpendsNothing(string message)
    {
        var (_, _, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser("sender");
        var client = await Fixture.SignInAsync(sender);

        var response = await client.PostAsJsonAsync("/v1/pings", new { listingId, message });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid-message");
        Assert.True(problem.GetProperty("errors").TryGetProperty("message", out _));
        Assert.Equal(0L, await Fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE sender = $1", sender));
    }

    [Fact]
    public async Task ListingTitle_OfOnlyInvisibleCharacters_Is400NamingTheTitle()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());
        var listingId = Guid.NewGuid();

        var response = await client.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = "\uFEFF\u200B" });

        await AssertInvalidAsync(response, "title");
        await AssertProblemAsync(await client.GetAsync($"/v1/listings/{listingId}"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task ChatMessage_WithABidiOverride_Is400InvalidMessage()
    {
        var ping = await NewPingAsync();

        var response = await ping.SenderClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/messages", new { text = "see \u202Efdp.exe" });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid-message");
    }

    [Fact]
    public async Task Ping_WithJoinersInsideText_IsKeptAsSentButTrimmedOfInvisibleEnds()
    {
        var (_, _, listingId) = await NewListingAsync();
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        var response = await client.PostAsJsonAsync("/v1/pings", new { listingId, message = "\u200BHi 👩\u200D💻, می\u200Cخواهم ❤\uFE0F\uFEFF" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Hi 👩\u200D💻, می\u200Cخواهم ❤\uFE0F", (await JsonAsync(response)).GetProperty("message").GetString());
    }
}
