using System.Net;
using System.Net.Http.Json;

namespace PingActors.Api.Tests.Notifications;

/// <summary>Tickets: what a browser's EventSource, which cannot send Authorization, signs in with.</summary>
[Collection(StreamApiCollection.Name)]
public sealed class StreamTicketTests(StreamApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Ticket_OpensTheStreamOfItsUser_Once()
    {
        var (_, ownerClient, listingId) = await NewListingAsync();
        var ticket = await TicketAsync(ownerClient);

        await using (var first = await EventStream.ConnectAsync(Fixture.Anonymous(), path: $"/v1/stream?ticket={ticket}"))
        {
            var sender = await Fixture.SignInAsync(ApiFixture.NewUser("sender"));
            await StreamApiTests.PingAsync(sender, listingId.ToString());
            Assert.Equal("ping.received", (await first.NextItemAsync()).Event);
        }

        await using var second = await EventStream.OpenAsync(Fixture.Anonymous(), $"/v1/stream?ticket={ticket}");
        var problem = await AssertProblemAsync(second.Response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("used or expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticket_ExpiresSixtySecondsAfterItWasIssued()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());
        var issued = await JsonAsync(await client.PostAsync("/v1/stream/ticket", null));
        var ticket = issued.GetProperty("ticket").GetString();
        Assert.Equal(Fixture.Clock.GetUtcNow().AddSeconds(60), issued.GetProperty("expiresAt").GetDateTimeOffset());

        Fixture.Clock.Advance(TimeSpan.FromSeconds(60));

        await using var stream = await EventStream.OpenAsync(Fixture.Anonymous(), $"/v1/stream?ticket={ticket}");
        await AssertProblemAsync(stream.Response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Ticket_ThatWasNeverIssued_IsRefused()
    {
        await using var stream = await EventStream.OpenAsync(Fixture.Anonymous(), $"/v1/stream?ticket={new string('A', 43)}");

        await AssertProblemAsync(stream.Response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Ticket_NeedsABearerToken()
    {
        var response = await Fixture.Anonymous().PostAsync("/v1/stream/ticket", null);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Ticket_WithLastEventIdInTheQuery_ResumesThere()
    {
        var (_, ownerClient, listingId) = await NewListingAsync();
        var sender = await Fixture.SignInAsync(ApiFixture.NewUser("sender"));
        string lastId;
        await using (var stream = await EventStream.ConnectAsync(ownerClient))
        {
            await StreamApiTests.PingAsync(sender, listingId.ToString(), "first");
            lastId = (await stream.NextItemAsync()).Id!;
        }

        var missed = await StreamApiTests.PingAsync(await Fixture.SignInAsync(ApiFixture.NewUser("sender")), listingId.ToString(), "second");
        var ticket = await TicketAsync(ownerClient);
        await using var resumed = await EventStream.ConnectAsync(Fixture.Anonymous(), path: $"/v1/stream?ticket={ticket}&lastEventId={lastId}");

        Assert.Equal(missed, (await resumed.NextItemAsync()).Json.GetProperty("pingId").GetGuid());
    }

    private static async Task<string> TicketAsync(HttpClient client)
    {
        var response = await client.PostAsync("/v1/stream/ticket", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("ticket").GetString()!;
    }
}
