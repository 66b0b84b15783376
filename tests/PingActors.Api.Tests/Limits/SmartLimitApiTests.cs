using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace PingActors.Api.Tests.Limits;

/// <summary>Each refusal of the default policy over HTTP: its problem slug and status, Retry-After, and the RateLimit entry that names it.</summary>
[Collection(ApiCollection.Name)]
public sealed class SmartLimitApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task ListingWithTwentyNewPingsToday_Is429OwnerBusy_NamingTheListingRule()
    {
        var (_, _, listingId) = await NewListingAsync();
        for (var i = 0; i < 20; i++)
        {
            var client = await Fixture.SignInAsync(ApiFixture.NewUser("sender"));
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v1/pings", new { listingId, message = "Hi" })).StatusCode);
        }

        var late = await Fixture.SignInAsync(ApiFixture.NewUser("sender"));
        var response = await late.PostAsJsonAsync("/v1/pings", new { listingId, message = "Hi" });

        var problem = await AssertProblemAsync(response, (HttpStatusCode)429, "owner-busy");
        Assert.Equal("listing", problem.GetProperty("limit").GetString());
        var seconds = Seconds(problem.GetProperty("retryAt").GetDateTimeOffset());
        Assert.Equal(seconds, response.Headers.GetValues("Retry-After").Single());
        Assert.EndsWith($"\"listing\";r=0;t={seconds}", response.Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
        Assert.EndsWith("\"listing\";q=20;w=86400", response.Headers.GetValues("RateLimit-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(50, (await JsonAsync(await late.GetAsync("/v1/me/limits"))).GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task DeclinedSender_PingingThatOwnerAgain_Is409RecentlyDeclinedWithRetryAfter()
    {
        var ping = await NewPingAsync();
        await ping.OwnerClient.PostAsync($"/v1/pings/{ping.PingId}/decline", null);
        var listingId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await ping.OwnerClient.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = "Another bike" })).StatusCode);

        var response = await ping.SenderClient.PostAsJsonAsync("/v1/pings", new { listingId, message = "What about this one?" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict, "recently-declined");
        Assert.Equal(Fixture.Clock.GetUtcNow().AddDays(30), problem.GetProperty("retryAt").GetDateTimeOffset());
        Assert.Equal(Seconds(Fixture.Clock.GetUtcNow().AddDays(30)), response.Headers.GetValues("Retry-After").Single());
        Assert.Contains("\"declined\";r=0", response.Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SenderWithFiftyPendingPings_Is409TooManyPending_UntilOneIsAnswered()
    {
        var sender = ApiFixture.NewUser("sender");
        var admin = await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");
        await admin.PutAsJsonAsync($"/v1/admin/users/{sender}/limits", new { dailyLimit = 500 });
        var client = await Fixture.SignInAsync(sender);
        var (owner, ownerClient, _) = await NewListingAsync();
        var pings = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            var listingId = Guid.NewGuid();
            await ownerClient.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = $"Item {i}" });
            var sent = await client.PostAsJsonAsync("/v1/pings", new { listingId, message = "Hi" });
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            pings.Add((await JsonAsync(sent)).GetProperty("pingId").GetGuid());
        }

        var next = Guid.NewGuid();
        await ownerClient.PutAsJsonAsync($"/v1/listings/{next}", new { title = "One more" });
        var refused = await client.PostAsJsonAsync("/v1/pings", new { listingId = next, message = "Hi" });
        await ownerClient.PostAsJsonAsync($"/v1/pings/{pings[0]}/respond", new { message = "Yes" });
        var limits = await WhenAsync(client, l => l.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "pending").GetProperty("remaining").GetInt32() == 1);
        var admitted = await client.PostAsJsonAsync("/v1/pings", new { listingId = next, message = "Hi" });

        await AssertProblemAsync(refused, HttpStatusCode.Conflict, "too-many-pending");
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("\"pending\";r=0", refused.Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, admitted.StatusCode);
        Assert.Equal(owner, (await JsonAsync(admitted)).GetProperty("receiver").GetString());
        Assert.Equal(451, limits.GetProperty("remaining").GetInt32()); // 50 of 500 taken, the answered one given back
    }

    [Fact]
    public async Task MyLimits_ListEveryRuleWithWhatIsLeftAndWhenItResets()
    {
        var ping = await NewPingAsync();

        var limits = await JsonAsync(await ping.SenderClient.GetAsync("/v1/me/limits"));

        var rules = limits.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal((50, 49), (rules["daily"].GetProperty("limit").GetInt32(), rules["daily"].GetProperty("remaining").GetInt32()));
        Assert.Equal((50, 49), (rules["pending"].GetProperty("limit").GetInt32(), rules["pending"].GetProperty("remaining").GetInt32()));
        Assert.Equal(Fixture.Clock.GetUtcNow().AddHours(72), rules["pending"].GetProperty("resetAt").GetDateTimeOffset());
        Assert.Equal(3, rules["adaptive-cooldown"].GetProperty("remaining").GetInt32());
        Assert.All(rules.Values, rule => Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("description").GetString())));
    }

    /// <summary>Reads the caller's limits until they show what a one-way message from a chat brings (a credit, a freed place).</summary>
    private static async Task<System.Text.Json.JsonElement> WhenAsync(HttpClient client, Func<System.Text.Json.JsonElement, bool> condition)
    {
        System.Text.Json.JsonElement limits = default;
        await PingActors.Testing.Eventually.UntilAsync(
            async () => condition(limits = await JsonAsync(await client.GetAsync("/v1/me/limits"))), TimeSpan.FromSeconds(10), "the limits to show the answer");
        return limits;
    }

    private string Seconds(DateTimeOffset at) =>
        ((long)Math.Ceiling((at - Fixture.Clock.GetUtcNow()).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
