using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PingActors.Chats;
using PingActors.Testing.SourceDesigns;

namespace PingActors.Import.Tests.Runs;

/// <summary>
/// A cut-over's delta: the old system kept running after the first import; the next run brings across what
/// changed and nothing else, and the imported chats then go on in PingActors.
/// </summary>
public sealed class DeltaRunTests
{
    [Fact]
    public async Task Import_AfterTheSourceChanged_BringsAcrossJustTheChanges_AndTheChatsGoOnInPingActors()
    {
        await using var databases = await ImportDatabases.CreateAsync(SourceDesign.Older, pings: 150, seed: 5);
        await databases.RunAsync();
        var odd = Expectations.Chats(databases).Single(c => c.Sender == "odd.sender");
        var twice = Expectations.Chats(databases).Single(c => c.Sender == "twice.sender");
        var newcomer = Guid.NewGuid();

        // The owner answers (the older design's trigger marks both pending pings of the chat responded), the sender
        // of the odd chat writes again, someone new pings, and an admin puts a user on a cooldown.
        var at = databases.Data.Options.Now;
        await databases.ExecuteOnSourceAsync($"""
            INSERT INTO messages (id, chat_id, sender_username, text, created_at)
            SELECT gen_random_uuid(), id, 'twice.owner', 'Sorry, sold.', '{at.AddMinutes(-30):O}' FROM chats WHERE participant_a = 'twice.sender';
            INSERT INTO messages (id, chat_id, sender_username, text, created_at)
            SELECT gen_random_uuid(), id, 'odd.sender', 'Still there?', '{at.AddMinutes(-20):O}' FROM chats WHERE participant_a = 'odd.sender';
            INSERT INTO pings (id, sender_username, receiver_username, listing_id, message, status, created_at, updated_at)
            VALUES ('{newcomer}', 'late.comer', 'odd.owner', '{odd.ListingId}', 'Is it free?', 'pending', '{at.AddMinutes(-10):O}', '{at.AddMinutes(-10):O}');
            INSERT INTO chats (id, listing_id, participant_a, participant_b, created_at)
            VALUES (gen_random_uuid(), '{odd.ListingId}', 'late.comer', 'odd.owner', '{at.AddMinutes(-10):O}');
            INSERT INTO messages (id, chat_id, sender_username, text, created_at)
            SELECT gen_random_uuid(), id, 'late.comer', 'Is it free?', '{at.AddMinutes(-10):O}' FROM chats WHERE participant_a = 'late.comer';
            INSERT INTO ping_limits (username, daily_limit, cooldown_until) VALUES ('late.comer', 50, '{at.AddHours(6):O}');
            """);

        var (code, _) = await databases.RunAsync();

        Assert.Equal(ImportCommand.LeftBehind, code);
        var counts = await databases.Target.ScalarAsync<string>("SELECT counts::text FROM pingactors_import.runs WHERE run_id = 2");
        var run = JsonSerializer.Deserialize<Dictionary<string, long>>(counts)!;
        Assert.Equal(
            "chats.inserted=1 chats.updated=2 listings.inserted=0 messages.inserted=3 messages.updated=0 pings.inserted=1 pings.updated=2 users.written=1",
            string.Join(' ', ((string[])["chats.inserted", "chats.updated", "listings.inserted", "messages.inserted", "messages.updated", "pings.inserted", "pings.updated", "users.written"])
                .Select(name => $"{name}={run.GetValueOrDefault(name)}")));

        await using var api = await ImportedApi.StartAsync(databases.Target.ConnectionString, databases.Clock);
        var sender = await api.SignInAsync("twice.sender");
        var pings = await sender.GetFromJsonAsync<JsonElement>("/v1/pings?box=sent");
        Assert.Equal(["responded", "responded"], pings.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("status").GetString()));

        var newPing = await (await api.SignInAsync("late.comer")).GetFromJsonAsync<JsonElement>($"/v1/pings/{newcomer}");
        Assert.Equal(("pending", "odd.owner"), (newPing.GetProperty("status").GetString(), newPing.GetProperty("receiver").GetString()));
        var limits = await (await api.SignInAsync("late.comer")).GetFromJsonAsync<JsonElement>("/v1/me/limits");
        Assert.Equal(at.AddHours(6), limits.GetProperty("cooldownUntil").GetDateTimeOffset());

        var oddClient = await api.SignInAsync("odd.sender");
        var oddChat = ChatId.For(odd.ListingId, "odd.sender");
        var posted = await oddClient.PostAsJsonAsync($"/v1/chats/{oddChat}/messages", new { text = "Hello from PingActors" });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(odd.Messages.Count + 2, (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("seq").GetInt64());
        Assert.Equal(twice.Messages.Count + 1, (await sender.GetFromJsonAsync<JsonElement>($"/v1/chats/{ChatId.For(twice.ListingId, "twice.sender")}")).GetProperty("lastSeq").GetInt64());
    }
}
