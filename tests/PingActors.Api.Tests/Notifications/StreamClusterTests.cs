using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PingActors.Api.Notifications;

namespace PingActors.Api.Tests.Notifications;

/// <summary>
/// The stream on two silos with the API as their client: events committed on either silo reach the API process
/// that holds the stream, in commit order, resumable, to their recipient only, and a client that stops reading
/// harms nobody but itself.
/// </summary>
[Collection(StreamClusterCollection.Name)]
public sealed class StreamClusterTests(StreamClusterFixture fixture)
{
    [Fact]
    public async Task Stream_PingsFromSendersOnEitherSilo_ReachTheOwnersStreamOnTheApiNode()
    {
        var owner = await UserAsync("owner");
        var listing = await ListingAsync(owner.Client);
        var senders = await SendersOnEachSiloAsync();
        await using var stream = await EventStream.ConnectAsync(owner.Client);

        var pings = new List<Guid>();
        foreach (var sender in senders)
        {
            pings.Add(await PingAsync(sender.Client, listing));
        }

        var items = await stream.NextItemsAsync(senders.Count);
        Assert.All(items, item => Assert.Equal("ping.received", item.Event));
        Assert.Equal(pings.Order(), items.Select(i => i.Json.GetProperty("pingId").GetGuid()).Order());
        Assert.Equal(items.Select(i => i.Seq).Order(), items.Select(i => i.Seq));
    }

    [Fact]
    public async Task Stream_DroppedMidwayAndResumedWithLastEventId_GetsExactlyTheMissedItemsInOrder()
    {
        var owner = await UserAsync("owner");
        var listing = await ListingAsync(owner.Client);
        var senders = await SendersOnEachSiloAsync(4);
        string lastId;
        await using (var stream = await EventStream.ConnectAsync(owner.Client))
        {
            await Task.WhenAll(senders.Select(s => PingAsync(s.Client, listing)));
            lastId = (await stream.NextItemsAsync(3))[^1].Id!;
        }

        var chats = await Task.WhenAll(senders.Select(s => ChatOfAsync(owner.Client, s.Name)));
        await Task.WhenAll(senders.Zip(chats).Select(pair => PostAsync(pair.First.Client, pair.Second, "While you were away")));
        var missed = await OutboxAsync(owner.Name, after: long.Parse(lastId, System.Globalization.CultureInfo.InvariantCulture));

        await using var resumed = await EventStream.ConnectAsync(owner.Client, lastId);
        var replayed = await resumed.NextItemsAsync(missed.Count);
        var live = await PostAsync(senders[0].Client, chats[0], "And now, live");
        var next = await resumed.NextItemAsync();

        Assert.Equal(senders.Count - 3 + senders.Count, missed.Count);
        Assert.Equal(missed, replayed.Select(i => i.Seq));
        Assert.Equal(live, next.Json.GetProperty("message").GetProperty("messageId").GetGuid());
        Assert.Equal(await OutboxAsync(owner.Name, after: missed[^1]), [next.Seq]);
    }

    [Fact]
    public async Task Stream_OfOneUser_NeverCarriesAnotherUsersItems()
    {
        var (alice, bob) = (await UserAsync("alice"), await UserAsync("bob"));
        var (aliceListing, bobListing) = (await ListingAsync(alice.Client), await ListingAsync(bob.Client));
        var senders = await SendersOnEachSiloAsync(3);
        await using var aliceStream = await EventStream.ConnectAsync(alice.Client);
        await using var bobStream = await EventStream.ConnectAsync(bob.Client);

        await Task.WhenAll(senders.SelectMany(s => new[] { PingAsync(s.Client, aliceListing), PingAsync(s.Client, bobListing) }));
        var aliceChats = await Task.WhenAll(senders.Select(s => ChatOfAsync(alice.Client, s.Name)));
        await Task.WhenAll(aliceChats.Select(chat => PostAsync(alice.Client, chat, "Hi, it is yours if you want it")));
        var aliceOutbox = await OutboxAsync(alice.Name, after: 0);
        var bobOutbox = await OutboxAsync(bob.Name, after: 0);

        var toAlice = await aliceStream.NextItemsAsync(aliceOutbox.Count);
        var toBob = await bobStream.NextItemsAsync(bobOutbox.Count);
        var last = await PingAsync((await UserAsync("sender")).Client, aliceListing);

        Assert.Equal(aliceOutbox, toAlice.Select(i => i.Seq));
        Assert.Equal(bobOutbox, toBob.Select(i => i.Seq));
        Assert.All(toBob, item => Assert.Equal(bob.Name, item.Json.GetProperty("receiver").GetString()));
        Assert.Equal(last, (await aliceStream.NextItemAsync()).Json.GetProperty("pingId").GetGuid());
    }

    [Fact]
    public async Task Stream_EventCommittedButNeverPublished_ReachesItsClientFromTheOutbox_InOrder()
    {
        var owner = await UserAsync("owner");
        var listing = await ListingAsync(owner.Client);
        await using var stream = await EventStream.ConnectAsync(owner.Client);
        var opened = await stream.NextFrameAsync();

        // A silo that died between its commit and its publish: the event is in the outbox, and nobody announces it.
        var unannounced = await CommitUnannouncedLimitChangeAsync(owner.Name);
        var first = await stream.NextItemAsync();
        var lost = await CommitUnannouncedLimitChangeAsync(owner.Name);
        var ping = await PingAsync((await UserAsync("sender")).Client, listing);
        var afterIt = await stream.NextItemsAsync(2);

        Assert.True(unannounced > opened.Seq);
        Assert.Equal(("limits.changed", unannounced), (first.Event, first.Seq));
        Assert.Equal([("limits.changed", lost), ("ping.received", afterIt[1].Seq)], afterIt.Select(i => (i.Event!, i.Seq)));
        Assert.Equal(ping, afterIt[1].Json.GetProperty("pingId").GetGuid());
    }

    [Fact]
    public async Task Stream_ClientThatStopsReading_IsCutOff_WhilePingsAndOtherStreamsGoOn()
    {
        var (victim, bystander) = (await UserAsync("victim"), await UserAsync("bystander"));
        var (victimListing, bystanderListing) = (await ListingAsync(victim.Client), await ListingAsync(bystander.Client));
        var sender = await UserAsync("sender");
        await PingAsync(sender.Client, victimListing);
        var chat = await ChatOfAsync(victim.Client, sender.Name);
        await using var bystanderStream = await EventStream.ConnectAsync(bystander.Client);
        using var stubborn = await StubbornClient.ConnectAsync(fixture.Address, await fixture.TokenAsync(victim.Name));

        var posted = 0;
        var text = new string('x', 900);
        while (!IsCutOff(victim.Name))
        {
            Assert.True(posted < 5_000, "The client that stopped reading was never cut off.");
            await PostAsync(sender.Client, chat, $"{posted++} {text}");
        }

        var bystanderPing = await PingAsync((await UserAsync("sender")).Client, bystanderListing);
        Assert.Equal(bystanderPing, (await bystanderStream.NextItemAsync()).Json.GetProperty("pingId").GetGuid());
        var (start, reached) = await stubborn.ReadToTheEndAsync(quiet: TimeSpan.FromSeconds(3));
        var all = await OutboxAsync(victim.Name, after: start);
        Assert.True(reached.Count < all.Count, $"{reached.Count} of {all.Count} items reached the client that was cut off.");

        // It comes back and catches up from the outbox.
        var resumeAt = reached.Count > 0 ? reached[^1] : start;
        await using var resumed = await EventStream.ConnectAsync(victim.Client, resumeAt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var rest = await resumed.NextItemsAsync(all.Count - reached.Count);
        Assert.Equal(all, reached.Concat(rest.Select(i => i.Seq)));
    }

    private sealed record User(string Name, HttpClient Client);

    private async Task<User> UserAsync(string role)
    {
        var name = $"{role}-{Guid.NewGuid():N}"[..24];
        return new User(name, await fixture.SignInAsync(name));
    }

    /// <summary>Senders whose grains are active on each silo, <paramref name="perSilo"/> on each.</summary>
    private async Task<IReadOnlyList<User>> SendersOnEachSiloAsync(int perSilo = 1)
    {
        var found = fixture.SiloPorts.ToDictionary(port => port, _ => new List<User>());
        for (var tries = 0; found.Values.Any(list => list.Count < perSilo); tries++)
        {
            Assert.True(tries < 200, "Could not place senders on both silos.");
            var user = await UserAsync("sender");
            Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/v1/me/limits")).StatusCode);
            var list = found[await fixture.SiloOfAsync(GrainId.Create("user", user.Name))];
            if (list.Count < perSilo)
            {
                list.Add(user);
            }
        }

        return [.. found.Values.SelectMany(list => list)];
    }

    private static async Task<Guid> ListingAsync(HttpClient owner)
    {
        var listingId = Guid.NewGuid();
        StreamApiTests.Ok(await owner.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = "A lamp" }));
        return listingId;
    }

    private static Task<Guid> PingAsync(HttpClient sender, Guid listing) => StreamApiTests.PingAsync(sender, listing.ToString());

    private static async Task<Guid> ChatOfAsync(HttpClient owner, string sender)
    {
        var chats = await owner.GetFromJsonAsync<JsonElement>("/v1/chats?limit=100");
        return chats.GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("participants")[1].GetString() == sender).GetProperty("chatId").GetGuid();
    }

    private static async Task<Guid> PostAsync(HttpClient author, Guid chat, string text)
    {
        var response = await author.PostAsJsonAsync($"/v1/chats/{chat}/messages", new { text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetGuid();
    }

    /// <summary>The positions of <paramref name="user"/>'s events after <paramref name="after"/>, as the outbox has them.</summary>
    private Task<List<long>> OutboxAsync(string user, long after) =>
        fixture.Database.ListAsync<long>("SELECT seq FROM events WHERE recipient = $1 AND seq > $2 ORDER BY seq", user, after);

    /// <summary>Commits a <c>limits.changed</c> event as the write path would (a position from the stream clock), but announces it to no one.</summary>
    private Task<long> CommitUnannouncedLimitChangeAsync(string user) => fixture.Database.ScalarAsync<long>("""
        WITH clock AS (UPDATE stream_clock SET seq = seq + 1 RETURNING seq)
        INSERT INTO events (event_id, event_type, occurred_at, sender, recipient, seq)
        SELECT gen_random_uuid(), 'limits.changed', now(), $1, $1, seq FROM clock
        RETURNING seq
        """, user);

    /// <summary>
    /// Whether the API node has no stream of <paramref name="user"/> left that it has not cut off. Asked of the node's
    /// own connections, not of the cut-off meter: a meter listener hears every host in the test process, and a
    /// cut-off in another test running meanwhile ended the loop before this one's client was cut off.
    /// </summary>
    private bool IsCutOff(string user) =>
        !fixture.Api.GetRequiredService<StreamHub>().Connections.Any(connection => connection.User == user && !connection.IsCutOff);
}
