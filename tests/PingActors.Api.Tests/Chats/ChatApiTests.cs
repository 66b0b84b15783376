using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PingActors.Api.Tests.Chats;

[Collection(ApiCollection.Name)]
public sealed class ChatApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Chat_IsReadableByBothParticipants()
    {
        var ping = await NewPingAsync();

        var chat = await JsonAsync(await ping.SenderClient.GetAsync($"/v1/chats/{ping.ChatId}"));

        Assert.Equal(ping.ChatId, chat.GetProperty("chatId").GetGuid());
        Assert.Equal(ping.ListingId, chat.GetProperty("listingId").GetGuid());
        Assert.Equal([ping.Owner, ping.Sender], chat.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal((1, 0), (chat.GetProperty("lastSeq").GetInt64(), chat.GetProperty("unread").GetInt64()));
        Assert.Equal(1, (await JsonAsync(await ping.OwnerClient.GetAsync($"/v1/chats/{ping.ChatId}"))).GetProperty("unread").GetInt64());
    }

    [Fact]
    public async Task PostMessage_Is201_AndARepeatedClientMessageIdIs200WithTheSameMessage()
    {
        var ping = await NewPingAsync();

        var first = await ping.SenderClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/messages", new { text = "Tomorrow at 5?", clientMessageId = "m-1" });
        var repeat = await ping.SenderClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/messages", new { text = "Tomorrow at 5?", clientMessageId = "m-1" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var message = await JsonAsync(first);
        Assert.Equal((2, ping.Sender, "Tomorrow at 5?"), (message.GetProperty("seq").GetInt64(), message.GetProperty("sender").GetString(), message.GetProperty("text").GetString()));
        Assert.Equal(message.GetProperty("messageId").GetGuid(), (await JsonAsync(repeat)).GetProperty("messageId").GetGuid());
        var messages = await JsonAsync(await ping.OwnerClient.GetAsync($"/v1/chats/{ping.ChatId}/messages"));
        Assert.Equal([1L, 2L], messages.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task Messages_AfterSeqAndLimit_AreOnePageInOrder()
    {
        var ping = await NewPingAsync();
        for (var i = 0; i < 4; i++)
        {
            await ping.SenderClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/messages", new { text = $"m{i}" });
        }

        var page = await JsonAsync(await ping.OwnerClient.GetAsync($"/v1/chats/{ping.ChatId}/messages?afterSeq=2&limit=2"));

        Assert.Equal([3L, 4L], page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task Read_MovesTheCursorAndCountsUnread()
    {
        var ping = await NewPingAsync();
        await ping.SenderClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/messages", new { text = "hello?" });

        var read = await ping.OwnerClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/read", new { seq = 1 });
        var beyond = await ping.OwnerClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/read", new { seq = 9 });

        var receipt = await JsonAsync(read);
        Assert.Equal((1, 1), (receipt.GetProperty("readSeq").GetInt64(), receipt.GetProperty("unread").GetInt64()));
        await AssertInvalidAsync(beyond, "seq");
    }

    [Fact]
    public async Task List_ShowsTheCallersChatsWithUnreadCounts()
    {
        var ping = await NewPingAsync();
        await ping.SenderClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/messages", new { text = "bump" });

        var page = await JsonAsync(await ping.OwnerClient.GetAsync("/v1/chats?limit=10"));

        var chat = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal((ping.ChatId, 2L), (chat.GetProperty("chatId").GetGuid(), chat.GetProperty("unread").GetInt64()));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task NonParticipant_Gets404OnEveryChatRoute()
    {
        var ping = await NewPingAsync();
        var stranger = await Fixture.SignInAsync(ApiFixture.NewUser());

        HttpResponseMessage[] responses =
        [
            await stranger.GetAsync($"/v1/chats/{ping.ChatId}"),
            await stranger.GetAsync($"/v1/chats/{ping.ChatId}/messages"),
            await stranger.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/messages", new { text = "hi" }),
            await stranger.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/read", new { seq = 1 }),
        ];

        foreach (var response in responses)
        {
            await AssertProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        }

        Assert.Empty((await JsonAsync(await stranger.GetAsync("/v1/chats"))).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task PostMessage_BadTextOrClientId_Is400()
    {
        var ping = await NewPingAsync();

        var blank = await ping.SenderClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/messages", new { text = " " });
        var badId = await ping.SenderClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/messages", new { text = "ok", clientMessageId = "has spaces" });

        await AssertProblemAsync(blank, HttpStatusCode.BadRequest, "invalid-message");
        await AssertInvalidAsync(badId, "clientMessageId");
    }
}
