using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PingActors.Api.Tests.Pings;

[Collection(ApiCollection.Name)]
public sealed class PingLifecycleApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Get_BySenderOrReceiver_Is200AndByAnyoneElse404()
    {
        var ping = await NewPingAsync();
        var stranger = await Fixture.SignInAsync(ApiFixture.NewUser());

        Assert.Equal(HttpStatusCode.OK, (await ping.SenderClient.GetAsync($"/v1/pings/{ping.PingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ping.OwnerClient.GetAsync($"/v1/pings/{ping.PingId}")).StatusCode);
        await AssertProblemAsync(await stranger.GetAsync($"/v1/pings/{ping.PingId}"), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Respond_ByTheReceiver_AnswersThePing()
    {
        var ping = await NewPingAsync();
        Fixture.Clock.Advance(TimeSpan.FromMinutes(12));

        var response = await ping.OwnerClient.PostAsJsonAsync($"/v1/pings/{ping.PingId}/respond", new { message = "Yes, come by" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answered = await JsonAsync(response);
        Assert.Equal(("responded", 12, "Yes, come by"), (answered.GetProperty("status").GetString(),
            answered.GetProperty("responseTimeMinutes").GetInt32(), answered.GetProperty("responseMessage").GetString()));
        var messages = await JsonAsync(await ping.SenderClient.GetAsync($"/v1/chats/{ping.ChatId}/messages"));
        Assert.Equal(2, messages.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Respond_WithoutAMessage_Is400()
    {
        var ping = await NewPingAsync();

        await AssertInvalidAsync(await ping.OwnerClient.PostAsJsonAsync($"/v1/pings/{ping.PingId}/respond", new { }), "message");
    }

    [Fact]
    public async Task WrongParty_Is404ForEveryAction()
    {
        var ping = await NewPingAsync();
        var stranger = await Fixture.SignInAsync(ApiFixture.NewUser());

        HttpResponseMessage[] refused =
        [
            await ping.SenderClient.PostAsJsonAsync($"/v1/pings/{ping.PingId}/respond", new { message = "me?" }),
            await ping.SenderClient.PostAsync($"/v1/pings/{ping.PingId}/decline", null),
            await ping.OwnerClient.PostAsync($"/v1/pings/{ping.PingId}/withdraw", null),
            await stranger.PostAsJsonAsync($"/v1/pings/{ping.PingId}/respond", new { message = "hi" }),
            await stranger.PostAsync($"/v1/pings/{ping.PingId}/decline", null),
            await stranger.PostAsync($"/v1/pings/{ping.PingId}/withdraw", null),
        ];

        foreach (var response in refused)
        {
            await AssertProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        }
    }

    [Fact]
    public async Task Decline_ThenAnyAction_Is409PingNotPending()
    {
        var ping = await NewPingAsync();

        var declined = await ping.OwnerClient.PostAsync($"/v1/pings/{ping.PingId}/decline", null);
        var again = await ping.OwnerClient.PostAsync($"/v1/pings/{ping.PingId}/decline", null);
        var withdraw = await ping.SenderClient.PostAsync($"/v1/pings/{ping.PingId}/withdraw", null);

        Assert.Equal("declined", (await JsonAsync(declined)).GetProperty("status").GetString());
        await AssertProblemAsync(again, HttpStatusCode.Conflict, "ping-not-pending");
        await AssertProblemAsync(withdraw, HttpStatusCode.Conflict, "ping-not-pending");
    }

    [Fact]
    public async Task Withdraw_BySender_Is200()
    {
        var ping = await NewPingAsync();

        var response = await ping.SenderClient.PostAsync($"/v1/pings/{ping.PingId}/withdraw", null);

        Assert.Equal("withdrawn", (await JsonAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task List_SentAndReceived_NewestFirstWithCursorAndStatusFilter()
    {
        var (owner, ownerClient, _) = await NewListingAsync();
        var sender = ApiFixture.NewUser("sender");
        var senderClient = await Fixture.SignInAsync(sender);
        var sent = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var listingId = Guid.NewGuid();
            await ownerClient.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = $"Item {i}" });
            var created = await senderClient.PostAsJsonAsync("/v1/pings", new { listingId, message = $"ping {i}" });
            sent.Add((await JsonAsync(created)).GetProperty("pingId").GetGuid());
            Fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await ownerClient.PostAsync($"/v1/pings/{sent[1]}/decline", null);

        var first = await JsonAsync(await senderClient.GetAsync("/v1/pings?box=sent&limit=2"));
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await JsonAsync(await senderClient.GetAsync($"/v1/pings?box=sent&limit=2&cursor={cursor}"));
        var declined = await JsonAsync(await ownerClient.GetAsync("/v1/pings?box=received&status=declined"));

        Assert.Equal([sent[2], sent[1]], Ids(first));
        Assert.Equal([sent[0]], Ids(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal([sent[1]], Ids(declined));
        Assert.Equal(owner, declined.GetProperty("items")[0].GetProperty("receiver").GetString());
    }

    [Theory]
    [InlineData("/v1/pings", "box")]
    [InlineData("/v1/pings?box=inbox", "box")]
    [InlineData("/v1/pings?box=sent&status=lost", "status")]
    [InlineData("/v1/pings?box=sent&limit=0", "limit")]
    [InlineData("/v1/pings?box=sent&limit=101", "limit")]
    [InlineData("/v1/pings?box=sent&cursor=bogus", "cursor")]
    public async Task List_BadQuery_Is400NamingTheParameter(string path, string field)
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        await AssertInvalidAsync(await client.GetAsync(path), field);
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("pingId").GetGuid())];
}
