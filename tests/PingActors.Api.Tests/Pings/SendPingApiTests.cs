using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace PingActors.Api.Tests.Pings;

[Collection(ApiCollection.Name)]
public sealed class SendPingApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Post_Admitted_Is201WithLocationQuotaAndRateLimitHeaders()
    {
        var (owner, _, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser("sender");
        var client = await Fixture.SignInAsync(sender);

        var response = await client.PostAsJsonAsync("/v1/pings", new { listingId, message = "  Hello!  " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ping = await JsonAsync(response);
        var pingId = ping.GetProperty("pingId").GetGuid();
        Assert.Equal($"/v1/pings/{pingId}", response.Headers.Location!.OriginalString);
        Assert.Equal((sender, owner, "Hello!", "pending"), (ping.GetProperty("sender").GetString(), ping.GetProperty("receiver").GetString(),
            ping.GetProperty("message").GetString(), ping.GetProperty("status").GetString()));
        var quota = ping.GetProperty("quota");
        Assert.Equal((50, 49), (quota.GetProperty("limit").GetInt32(), quota.GetProperty("remaining").GetInt32()));
        var resetAt = quota.GetProperty("resetAt").GetDateTimeOffset();
        Assert.Equal("\"daily\";q=50;w=86400, \"pending\";q=50", Header(response, "RateLimit-Policy"));
        var full = Seconds(resetAt);
        var firstExpiry = Seconds(ping.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal($"\"daily\";r=49;t={full}, \"pending\";r=49;t={firstExpiry}", Header(response, "RateLimit"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/pings/{pingId}")).StatusCode);
    }

    [Fact]
    public async Task Post_OverTheDailyLimit_Is429WithRetryAfterAndHeaders()
    {
        var (_, _, listingId) = await NewListingAsync();
        var (_, _, other) = await NewListingAsync();
        var sender = ApiFixture.NewUser("sender");
        var admin = await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");
        await admin.PutAsJsonAsync($"/v1/admin/users/{sender}/limits", new { dailyLimit = 1 });
        var client = await Fixture.SignInAsync(sender);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v1/pings", new { listingId, message = "Hi" })).StatusCode);

        var response = await client.PostAsJsonAsync("/v1/pings", new { listingId = other, message = "Hi" });

        var problem = await AssertProblemAsync(response, (HttpStatusCode)429, "daily-limit-exceeded");
        Assert.Equal("daily", problem.GetProperty("limit").GetString());
        var retryAt = problem.GetProperty("retryAt").GetDateTimeOffset();
        Assert.Equal(Fixture.Clock.GetUtcNow().AddDays(1), retryAt); // one token a day: the whole cap of 1 every 24 hours
        var seconds = Seconds(retryAt);
        Assert.Equal(seconds, Header(response, "Retry-After"));
        Assert.StartsWith("\"daily\";q=1;w=86400", Header(response, "RateLimit-Policy"), StringComparison.Ordinal);
        Assert.StartsWith($"\"daily\";r=0;t={seconds}", Header(response, "RateLimit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithADailyLimitOfZero_Is429WithoutRetryAfter()
    {
        var (_, _, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser("sender");
        var admin = await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");
        await admin.PutAsJsonAsync($"/v1/admin/users/{sender}/limits", new { dailyLimit = 0 });
        var client = await Fixture.SignInAsync(sender);

        var response = await client.PostAsJsonAsync("/v1/pings", new { listingId, message = "Hi" });

        var problem = await AssertProblemAsync(response, (HttpStatusCode)429, "daily-limit-exceeded");
        Assert.False(problem.TryGetProperty("retryAt", out _));
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Post_OnCooldown_Is429CooldownActiveWithRetryAfter()
    {
        var (_, _, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser("sender");
        var admin = await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");
        var until = Fixture.Clock.GetUtcNow().AddMinutes(10);
        await admin.PutAsJsonAsync($"/v1/admin/users/{sender}/cooldown", new { until });
        var client = await Fixture.SignInAsync(sender);

        var response = await client.PostAsJsonAsync("/v1/pings", new { listingId, message = "Hi" });

        await AssertProblemAsync(response, (HttpStatusCode)429, "cooldown-active");
        Assert.Equal("600", Header(response, "Retry-After"));
        Assert.NotNull(Header(response, "RateLimit"));
    }

    [Fact]
    public async Task Post_UnknownListing_Is404ListingNotFound()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        var response = await client.PostAsJsonAsync("/v1/pings", new { listingId = Guid.NewGuid(), message = "Hi" });

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "listing-not-found");
        Assert.Equal("\"daily\";q=50;w=86400, \"pending\";q=50", Header(response, "RateLimit-Policy"));
    }

    [Fact]
    public async Task Post_ClosedListing_Is409ListingClosed()
    {
        var (_, ownerClient, listingId) = await NewListingAsync();
        await ownerClient.PostAsync($"/v1/listings/{listingId}/close", null);
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        await AssertProblemAsync(await client.PostAsJsonAsync("/v1/pings", new { listingId, message = "Hi" }), HttpStatusCode.Conflict, "listing-closed");
    }

    [Fact]
    public async Task Post_WhileAPingIsPending_Is409WithTheOpenPingId()
    {
        var ping = await NewPingAsync();

        var response = await ping.SenderClient.PostAsJsonAsync("/v1/pings", new { listingId = ping.ListingId, message = "Hello again" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.Conflict, "ping-already-pending");
        Assert.Equal(ping.PingId, problem.GetProperty("pingId").GetGuid());
    }

    [Fact]
    public async Task Post_OwnListing_Is422()
    {
        var (_, ownerClient, listingId) = await NewListingAsync();

        var response = await ownerClient.PostAsJsonAsync("/v1/pings", new { listingId, message = "Talking to myself" });

        await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "own-listing");
    }

    [Fact]
    public async Task Post_BlankOrTooLongMessage_Is400InvalidMessageNamingTheField()
    {
        var (_, _, listingId) = await NewListingAsync();
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        foreach (var message in new[] { "   ", new string('x', 1_001) })
        {
            var response = await client.PostAsJsonAsync("/v1/pings", new { listingId, message });
            var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid-message");
            Assert.True(problem.GetProperty("errors").TryGetProperty("message", out _));
        }

        var limits = await JsonAsync(await client.GetAsync("/v1/me/limits"));
        Assert.Equal(0, limits.GetProperty("sentToday").GetInt32());
    }

    [Fact]
    public async Task Post_MissingFields_Is400NamingThem()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        await AssertInvalidAsync(await client.PostAsJsonAsync("/v1/pings", new { }), "listingId", "message");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private string Seconds(DateTimeOffset at) =>
        ((long)Math.Ceiling((at - Fixture.Clock.GetUtcNow()).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
