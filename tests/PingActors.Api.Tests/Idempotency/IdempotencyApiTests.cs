using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Api.Idempotency;
using PingActors.Api.Pings;

namespace PingActors.Api.Tests.Idempotency;

[Collection(ApiCollection.Name)]
public sealed class IdempotencyApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task RepeatWithTheSameKeyAndBody_ReplaysTheFirstAnswerAndSpendsNothing()
    {
        var (_, _, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser("sender");
        var client = await Fixture.SignInAsync(sender);
        var key = Guid.NewGuid().ToString();

        var first = await client.SendAsync(PingRequest(key, listingId, "Is it free?"));
        var repeat = await client.SendAsync(PingRequest(key, listingId, "Is it free?"));

        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, (await JsonAsync(await client.GetAsync("/v1/me/limits"))).GetProperty("sentToday").GetInt32());
        Assert.Equal(1L, await Fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE sender = $1", sender));
        Assert.NotNull(repeat.Headers.GetValues("RateLimit").Single());
    }

    [Fact]
    public async Task RepeatOfARejection_RunsAgain_BecauseARefusalKeepsNoKey()
    {
        var sender = ApiFixture.NewUser();
        var client = await Fixture.SignInAsync(sender);
        var key = Guid.NewGuid().ToString();
        var listingId = Guid.NewGuid();

        var first = await client.SendAsync(PingRequest(key, listingId, "hi"));
        var keptAfterRefusal = await KeptKeysAsync(sender);
        var owner = await Fixture.SignInAsync(ApiFixture.NewUser("owner"));
        (await owner.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = "Now it exists" })).EnsureSuccessStatusCode();
        var repeat = await client.SendAsync(PingRequest(key, listingId, "hi"));

        await AssertProblemAsync(first, HttpStatusCode.NotFound, "listing-not-found");
        Assert.Equal(0L, keptAfterRefusal);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.False(repeat.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task KeptKeys_AreOnlyThoseOfRequestsThatChangedSomething()
    {
        var (_, _, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser();
        var client = await Fixture.SignInAsync(sender);

        var admitted = await client.SendAsync(PingRequest(Guid.NewGuid().ToString(), listingId, "hi"));
        var pending = await client.SendAsync(PingRequest(Guid.NewGuid().ToString(), listingId, "again"));
        var unknown = await client.SendAsync(PingRequest(Guid.NewGuid().ToString(), Guid.NewGuid(), "hi"));
        var invalid = await client.SendAsync(PingRequest(Guid.NewGuid().ToString(), listingId, "\u200B"));
        var refusedBatch = await client.SendAsync(BatchRequest(Guid.NewGuid().ToString(), (Guid.NewGuid(), "a"), (listingId, "b")));

        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.OK],
            [admitted.StatusCode, pending.StatusCode, unknown.StatusCode, invalid.StatusCode, refusedBatch.StatusCode]);
        Assert.Equal(1L, await KeptKeysAsync(sender));
    }

    [Fact]
    public async Task RepeatOfABatchWhoseEveryItemWasRefused_RunsAgain()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());
        var key = Guid.NewGuid().ToString();
        var listingId = Guid.NewGuid();

        var first = await client.SendAsync(BatchRequest(key, (listingId, "hi")));
        var owner = await Fixture.SignInAsync(ApiFixture.NewUser("owner"));
        (await owner.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = "Now it exists" })).EnsureSuccessStatusCode();
        var repeat = await client.SendAsync(BatchRequest(key, (listingId, "hi")));

        Assert.Equal(404, (await JsonAsync(first)).GetProperty("results")[0].GetProperty("status").GetInt32());
        Assert.Equal(201, (await JsonAsync(repeat)).GetProperty("results")[0].GetProperty("status").GetInt32());
        Assert.False(repeat.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task SameKeyWithADifferentBody_Is422()
    {
        var (_, _, listingId) = await NewListingAsync();
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());
        var key = Guid.NewGuid().ToString();

        await client.SendAsync(PingRequest(key, listingId, "first text"));
        var reused = await client.SendAsync(PingRequest(key, listingId, "other text"));

        await AssertProblemAsync(reused, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
    }

    [Fact]
    public async Task RepeatWhileAnotherProcessRunsTheFirst_Is409WithRetryAfter()
    {
        var (_, _, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser();
        var client = await Fixture.SignInAsync(sender);
        var key = Guid.NewGuid().ToString();
        // Another API process holds the key's lease and has not answered yet.
        var otherProcess = new IdempotencyStore(Fixture.Services.GetRequiredService<NpgsqlDataSource>(), Fixture.Clock);
        var claim = await otherProcess.ClaimAsync(new IdempotencyKey(sender, "SendPing", key), Hash(listingId, "hi"));
        Assert.Equal(IdempotencyClaimOutcome.Claimed, claim.Outcome);

        var repeat = await client.SendAsync(PingRequest(key, listingId, "hi"));

        await AssertProblemAsync(repeat, HttpStatusCode.Conflict, "idempotency-key-in-flight");
        Assert.Equal(TimeSpan.FromSeconds(1), repeat.Headers.RetryAfter?.Delta);
        Assert.Equal(0L, await Fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE sender = $1", sender));
    }

    [Fact]
    public async Task AKeyHeldByAProcessThatDied_IsTakenOverWhenItsLeaseEnds_WithTheSameRequestId()
    {
        var (_, _, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser();
        var client = await Fixture.SignInAsync(sender);
        var key = Guid.NewGuid().ToString();
        var deadProcess = new IdempotencyStore(Fixture.Services.GetRequiredService<NpgsqlDataSource>(), Fixture.Clock);
        var claim = await deadProcess.ClaimAsync(new IdempotencyKey(sender, "SendPing", key), Hash(listingId, "hi"));

        Fixture.Clock.Advance(IdempotencyStore.Lease);
        var repeat = await client.SendAsync(PingRequest(key, listingId, "hi"));

        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal(claim.RequestId, (await JsonAsync(repeat)).GetProperty("pingId").GetGuid());
    }

    [Fact]
    public async Task KeysAreScopedToTheUser()
    {
        var (_, _, listingId) = await NewListingAsync();
        var key = Guid.NewGuid().ToString();
        var alice = await Fixture.SignInAsync(ApiFixture.NewUser("alice"));
        var bob = await Fixture.SignInAsync(ApiFixture.NewUser("bob"));

        var fromAlice = await alice.SendAsync(PingRequest(key, listingId, "hi"));
        var fromBob = await bob.SendAsync(PingRequest(key, listingId, "hi"));

        Assert.Equal(HttpStatusCode.Created, fromAlice.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fromBob.StatusCode);
        Assert.False(fromBob.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task AKeyOlderThan24Hours_IsForgotten()
    {
        var (_, _, listingId) = await NewListingAsync();
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());
        var key = Guid.NewGuid().ToString();
        var firstPingId = (await JsonAsync(await client.SendAsync(PingRequest(key, listingId, "hi")))).GetProperty("pingId").GetGuid();
        await client.PostAsync($"/v1/pings/{firstPingId}/withdraw", null);

        Fixture.Clock.Advance(TimeSpan.FromHours(24));
        var later = await client.SendAsync(PingRequest(key, listingId, "hi"));

        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.False(later.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(firstPingId, (await JsonAsync(later)).GetProperty("pingId").GetGuid());
    }

    [Fact]
    public async Task AMalformedKey_Is400()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        await AssertInvalidAsync(await client.SendAsync(PingRequest(new string('k', 300), Guid.NewGuid(), "hi")), "Idempotency-Key");
    }

    private byte[] Hash(Guid listingId, string message) => IdempotencyFilter.Hash(
        new SendPingRequest(listingId, message), Fixture.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);

    private Task<long> KeptKeysAsync(string username) =>
        Fixture.Database.ScalarAsync<long>("SELECT count(*) FROM idempotency_keys WHERE username = $1", username);

    private static HttpRequestMessage BatchRequest(string key, params (Guid ListingId, string Message)[] items)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings/batch")
        {
            Content = JsonContent.Create(new { items = items.Select(i => new { listingId = i.ListingId, message = i.Message }) }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static HttpRequestMessage PingRequest(string key, Guid listingId, string message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings") { Content = JsonContent.Create(new { listingId, message }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
