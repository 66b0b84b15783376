using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PingActors.Chats;

namespace PingActors.Import.Tests.Importing;

/// <summary>
/// After the import, everything that came across is checked through the HTTP API, as its users will see it:
/// every ping, every chat with every message, every listing, every user's allowance; and what could not come
/// across is reported, row by row, with its reason.
/// </summary>
public abstract class ImportedSystemTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ImportedSystemFixture
{
    [Fact]
    public async Task Import_EveryPing_ReadsAsTheSourceHadIt()
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var expected in Expectations.Pings(fixture.Databases))
        {
            foreach (var party in (string[])[expected.Sender, expected.Receiver])
            {
                var client = clients.TryGetValue(party, out var signedIn) ? signedIn : clients[party] = await fixture.Api.SignInAsync(party);
                var ping = await client.GetFromJsonAsync<JsonElement>($"/v1/pings/{expected.PingId}");
                Assert.Equal(expected.ListingId, ping.GetProperty("listingId").GetGuid());
                Assert.Equal(ChatId.For(expected.ListingId, expected.Sender), ping.GetProperty("chatId").GetGuid());
                Assert.Equal(expected.Sender, ping.GetProperty("sender").GetString());
                Assert.Equal(expected.Receiver, ping.GetProperty("receiver").GetString());
                Assert.Equal(expected.Message, ping.GetProperty("message").GetString());
                Assert.Equal(expected.Status, ping.GetProperty("status").GetString());
                Assert.Equal(expected.CreatedAt, ping.GetProperty("createdAt").GetDateTimeOffset());
                Assert.Equal(expected.FirstResponseAt, Time(ping, "firstResponseAt"));
                Assert.Equal(expected.ResponseTimeMinutes, ping.GetProperty("responseTimeMinutes") is { ValueKind: JsonValueKind.Number } minutes ? minutes.GetInt32() : null);
                Assert.Equal(expected.ResponseMessage, ping.GetProperty("responseMessage").GetString());
            }
        }
    }

    [Fact]
    public async Task Import_EveryChat_HoldsItsMessagesInTimeOrderWithGapFreeSeqs()
    {
        foreach (var expected in Expectations.Chats(fixture.Databases))
        {
            var client = await fixture.Api.SignInAsync(expected.Sender);
            var chatId = ChatId.For(expected.ListingId, expected.Sender);
            var chat = await client.GetFromJsonAsync<JsonElement>($"/v1/chats/{chatId}");
            Assert.Equal([expected.Owner, expected.Sender], chat.GetProperty("participants").EnumerateArray().Select(p => p.GetString()));
            Assert.Equal(expected.Messages.Count, chat.GetProperty("lastSeq").GetInt64());
            Assert.Equal(expected.Messages[^1].CreatedAt, chat.GetProperty("lastMessageAt").GetDateTimeOffset());

            var messages = new List<JsonElement>();
            while (messages.Count < expected.Messages.Count)
            {
                var page = await client.GetFromJsonAsync<JsonElement>($"/v1/chats/{chatId}/messages?afterSeq={messages.Count}&limit=100");
                var items = page.GetProperty("items").EnumerateArray().ToList();
                Assert.NotEmpty(items);
                messages.AddRange(items);
            }

            Assert.Equal(Enumerable.Range(1, expected.Messages.Count).Select(i => (long)i), messages.Select(m => m.GetProperty("seq").GetInt64()));
            Assert.Equal(
                expected.Messages.Select(m => (m.Sender, m.Text, m.CreatedAt)),
                messages.Select(m => (m.GetProperty("sender").GetString()!, m.GetProperty("text").GetString()!, m.GetProperty("createdAt").GetDateTimeOffset())));
        }
    }

    [Fact]
    public async Task Import_EveryListing_BelongsToTheOwnerTheDataNames()
    {
        var client = await fixture.Api.SignInAsync("listing.reader");
        foreach (var expected in Expectations.Chats(fixture.Databases).DistinctBy(c => c.ListingId))
        {
            var listing = await client.GetFromJsonAsync<JsonElement>($"/v1/listings/{expected.ListingId}");
            Assert.Equal(expected.Owner, listing.GetProperty("owner").GetString());
            Assert.Equal("open", listing.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Import_EveryUser_KeepsTodaysAllowanceAndCooldown()
    {
        foreach (var (user, dailyLimit, sentToday, cooldownUntil) in Expectations.Allowances(fixture.Databases))
        {
            var client = await fixture.Api.SignInAsync(user);
            var limits = await client.GetFromJsonAsync<JsonElement>("/v1/me/limits");
            Assert.Equal((user, dailyLimit, sentToday, cooldownUntil), (user, limits.GetProperty("dailyLimit").GetInt32(), limits.GetProperty("sentToday").GetInt32(), Time(limits, "cooldownUntil")));
        }
    }

    [Fact]
    public async Task Import_PendingPingsOfASender_CountAsTheirPendingPings()
    {
        var pending = Expectations.Pings(fixture.Databases).Where(p => p.Status == "pending").GroupBy(p => p.Sender).ToList();
        Assert.NotEmpty(pending);
        foreach (var sender in pending)
        {
            var client = await fixture.Api.SignInAsync(sender.Key);
            var limits = await client.GetFromJsonAsync<JsonElement>("/v1/me/limits");
            var rule = limits.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "pending");
            var limit = rule.GetProperty("limit").GetInt32();
            Assert.Equal((sender.Key, Math.Max(0, limit - sender.Count())), (sender.Key, rule.GetProperty("remaining").GetInt32()));
            Assert.Equal(sender.Min(p => p.CreatedAt) + fixture.Databases.Data.Options.Expiry, rule.GetProperty("resetAt").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task Import_SenderOverTodaysLimitInTheSource_IsRefusedTheNextPing()
    {
        var response = await PingAsync("over.limit");
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("https://pingactors.dev/problems/daily-limit-exceeded", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Import_SenderOnACooldownInTheSource_IsRefusedUntilItEnds()
    {
        var response = await PingAsync("cool.down");
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("https://pingactors.dev/problems/cooldown-active", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Import_RowsThatCannotComeAcross_AreReportedWithTheirReasons_AndTheExitCodeSaysSo()
    {
        Assert.Equal(ImportCommand.LeftBehind, fixture.ExitCode);
        var expected = Expectations.LeftBehind(fixture.Databases).Select(r => (r.SourceTable, r.SourceKey, r.Reason)).Order().ToList();
        await using var connection = await fixture.Databases.Target.OpenAsync();
        var reported = await fixture.Databases.Target.ListAsync<string>(
            "SELECT source_table || '|' || source_key || '|' || reason FROM pingactors_import.report WHERE run_id = 1");
        Assert.Equal(expected, reported.Select(r => r.Split('|')).Select(r => (r[0], r[1], r[2])).Order().ToList());

        var file = (await File.ReadAllLinesAsync(fixture.Databases.ReportPath)).Skip(1).Select(line => line.Split(',')).Select(f => (f[0], f[1], f[2])).Order();
        Assert.Equal(expected, file);
    }

    [Fact]
    public async Task Import_WritesNoEvents_AndRebuildsTheAnalyticsFromThePings()
    {
        Assert.Equal(0L, await fixture.Databases.Target.ScalarAsync<long>("SELECT count(*) FROM events"));

        var client = await fixture.Api.SignInAsync("stats.reader");
        var stats = await client.GetFromJsonAsync<JsonElement>("/v1/users/dup.owner/stats");
        Assert.Equal((3, 2, 1), (stats.GetProperty("pingsReceived").GetInt32(), stats.GetProperty("responded").GetInt32(), stats.GetProperty("declined").GetInt32()));
    }

    private async Task<HttpResponseMessage> PingAsync(string sender)
    {
        var listing = Expectations.Chats(fixture.Databases).First(c => c.Owner == "dup.owner").ListingId;
        var client = await fixture.Api.SignInAsync(sender);
        return await client.PostAsJsonAsync("/v1/pings", new { listingId = listing, message = "One more?" });
    }

    private static DateTimeOffset? Time(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture)
            : null;
}

public sealed class SeedImportTests(SeedImportFixture fixture) : ImportedSystemTests<SeedImportFixture>(fixture);

public sealed class OlderImportTests(OlderImportFixture fixture) : ImportedSystemTests<OlderImportFixture>(fixture);
