using System.Net.Http.Json;
using System.Text.Json;

namespace PingActors.Api.Tests.Problems;

/// <summary>
/// Answers longer than any of Kestrel's own refusals pass through the connection middleware that rewrites those
/// refusals, byte for byte: a chunked body of several kilobytes arrives whole, and the next answer on the same
/// connection after it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LargeAnswerTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task MessagesPage_OfSeveralKilobytes_ArrivesWhole_AndTheConnectionStaysUsable()
    {
        var ping = await NewPingAsync();
        var texts = Enumerable.Range(1, 12).Select(i => $"{i}: {new string('x', 300)}").ToList();
        foreach (var text in texts)
        {
            (await ping.SenderClient.PostAsJsonAsync($"/v1/chats/{ping.ChatId}/messages", new { text })).EnsureSuccessStatusCode();
        }

        for (var round = 0; round < 2; round++)
        {
            var page = await ping.SenderClient.GetFromJsonAsync<JsonElement>($"/v1/chats/{ping.ChatId}/messages?limit=100");

            Assert.Equal(["Still available?", .. texts], page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        }
    }
}
