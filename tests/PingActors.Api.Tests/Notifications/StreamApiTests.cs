using System.Net;
using System.Net.Http.Json;

namespace PingActors.Api.Tests.Notifications;

/// <summary>The stream's HTTP contract on the single-node API: who may open it, what each item carries, and to whom.</summary>
[Collection(StreamApiCollection.Name)]
public sealed class StreamApiTests(StreamApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Stream_WithoutCredentials_IsAn401Problem()
    {
        await using var stream = await EventStream.OpenAsync(Fixture.Anonymous());

        await AssertProblemAsync(stream.Response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", stream.Response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Stream_WithAnInvalidBearerToken_IsAn401Problem()
    {
        await using var stream = await EventStream.OpenAsync(Fixture.Anonymous(), token: "not.a.token");

        await AssertProblemAsync(stream.Response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Stream_WithAMalformedLastEventId_IsAValidationProblem()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        await using var stream = await EventStream.OpenAsync(client, lastEventId: "12:yesterday");

        await AssertInvalidAsync(stream.Response, "lastEventId");
    }

    [Fact]
    public async Task Stream_Fresh_StartsWithAPositionToResumeFrom()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());
        await using var stream = await EventStream.ConnectAsync(client);

        var first = await stream.NextFrameAsync();

        Assert.Null(first.Data);
        Assert.Matches("^[0-9]+:[0-9]{8}$", first.Id);
        Assert.True(stream.Response.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task Stream_WhenSilent_SendsHeartbeatComments()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());
        await using var stream = await EventStream.ConnectAsync(client);
        await stream.NextFrameAsync();

        var heartbeat = await stream.NextFrameAsync();

        Assert.Equal("heartbeat", heartbeat.Comment);
        Assert.Null(heartbeat.Data);
    }

    [Fact]
    public async Task Stream_OfTheOwner_CarriesThePingTheyReceived_AsTheApiShowsIt()
    {
        var (owner, ownerClient, listingId) = await NewListingAsync();
        await using var stream = await EventStream.ConnectAsync(ownerClient);
        var sender = await Fixture.SignInAsync(ApiFixture.NewUser("sender"));

        var sent = await sender.PostAsJsonAsync("/v1/pings", new { listingId, message = "Still for sale?" });
        var item = await stream.NextItemAsync();

        Assert.Equal("ping.received", item.Event);
        var pingId = (await JsonAsync(sent)).GetProperty("pingId").GetGuid();
        var shown = await JsonAsync(await ownerClient.GetAsync($"/v1/pings/{pingId}"));
        Assert.Equal(shown.GetRawText(), item.Json.GetRawText());
        Assert.Equal(owner, item.Json.GetProperty("receiver").GetString());
    }

    [Fact]
    public async Task Stream_CarriesEveryChange_ToItsRecipientOnly_InCommitOrder()
    {
        var ping = await NewPingAsync();
        await using var owner = await EventStream.ConnectAsync(ping.OwnerClient);
        await using var sender = await EventStream.ConnectAsync(ping.SenderClient);
        var admin = await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");

        Ok(await ping.OwnerClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/messages", new { text = "Yes, come by." }));
        Ok(await ping.SenderClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/read", new { seq = 2 }));
        Ok(await ping.SenderClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/messages", new { text = "Tomorrow at six?" }));
        Ok(await ping.OwnerClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/read", new { seq = 3 }));
        var withdrawn = await PingAsync(ping.SenderClient, (await NewListingOfAsync(ping.OwnerClient)).ToString());
        Ok(await ping.SenderClient.PostAsync($"/v1/pings/{withdrawn}/withdraw", null));
        var declined = await PingAsync(ping.SenderClient, (await NewListingOfAsync(ping.OwnerClient)).ToString());
        Ok(await ping.OwnerClient.PostAsync($"/v1/pings/{declined}/decline", null));
        Ok(await admin.PutAsJsonAsync($"/v1/admin/users/{ping.Sender}/limits", new { dailyLimit = 7 }));

        var toSender = await sender.NextItemsAsync(5);
        var toOwner = await owner.NextItemsAsync(5);
        Assert.Equal(["ping.responded", "message.posted", "chat.read", "ping.declined", "limits.changed"], toSender.Select(i => i.Event));
        Assert.Equal(["chat.read", "message.posted", "ping.received", "ping.withdrawn", "ping.received"], toOwner.Select(i => i.Event));
        Assert.Equal("Yes, come by.", toSender[1].Json.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal(ping.ChatId, toSender[1].Json.GetProperty("chatId").GetGuid());
        Assert.Equal((ping.Owner, 3L), (toSender[2].Json.GetProperty("reader").GetString(), toSender[2].Json.GetProperty("readSeq").GetInt64()));
        Assert.Equal((ping.Sender, 2L), (toOwner[0].Json.GetProperty("reader").GetString(), toOwner[0].Json.GetProperty("readSeq").GetInt64()));
        Assert.Equal("declined", toSender[3].Json.GetProperty("status").GetString());
        Assert.Equal(7, toSender[4].Json.GetProperty("dailyLimit").GetInt32());
        Assert.Equal(withdrawn, toOwner[3].Json.GetProperty("pingId").GetGuid());
        Assert.Equal(toSender.Select(i => i.Seq).Order(), toSender.Select(i => i.Seq));
        Assert.Equal(toOwner.Select(i => i.Seq).Order(), toOwner.Select(i => i.Seq));
    }

    [Fact]
    public async Task Stream_OfTheSender_CarriesTheExpiryOfTheirPing()
    {
        var ping = await NewPingAsync();
        await using var sender = await EventStream.ConnectAsync(ping.SenderClient);

        Fixture.Clock.Advance(TimeSpan.FromHours(73));
        var expired = await NextOfTypeAsync(sender, "ping.expired");

        Assert.Equal((ping.PingId, "expired"), (expired.Json.GetProperty("pingId").GetGuid(), expired.Json.GetProperty("status").GetString()));
    }

    /// <summary>The next item of <paramref name="type"/>, past others (a day passing on the clock also resets allowances).</summary>
    internal static async Task<SseFrame> NextOfTypeAsync(EventStream stream, string type)
    {
        while (true)
        {
            var item = await stream.NextItemAsync();
            if (item.Event == type)
            {
                return item;
            }
        }
    }

    internal static void Ok(HttpResponseMessage response) => Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");

    internal static async Task<Guid> NewListingOfAsync(HttpClient owner)
    {
        var listingId = Guid.NewGuid();
        Ok(await owner.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = "Another thing" }));
        return listingId;
    }

    internal static async Task<Guid> PingAsync(HttpClient sender, string listingId, string message = "Hello?")
    {
        var response = await sender.PostAsJsonAsync("/v1/pings", new { listingId, message });
        Ok(response);
        return (await JsonAsync(response)).GetProperty("pingId").GetGuid();
    }
}
