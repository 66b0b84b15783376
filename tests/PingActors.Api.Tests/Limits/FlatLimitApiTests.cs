using System.Net;
using System.Net.Http.Json;

namespace PingActors.Api.Tests.Limits;

/// <summary>The API with the flat daily allowance alone (<c>Limits:Preset=Flat</c>), the policy before the smart rules.</summary>
public sealed class FlatLimitFixture() : ApiFixture(new Dictionary<string, string> { ["Limits:Preset"] = "Flat" });

/// <summary>The fixed daily window stays available as a setting: the whole allowance comes back at midnight.</summary>
public sealed class FlatLimitApiTests(FlatLimitFixture fixture) : ApiTestBase(fixture), IClassFixture<FlatLimitFixture>
{
    [Fact]
    public async Task FiftyFirstPing_IsRefusedUntilMidnight_AndTheOnlyRuleIsTheDailyWindow()
    {
        var client = await fixture.SignInAsync(ApiFixture.NewUser("sender"));
        var (_, _, listingId) = await NewListingAsync();
        for (var i = 0; i < 50; i++)
        {
            var (_, _, other) = await NewListingAsync();
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v1/pings", new { listingId = other, message = "Hi" })).StatusCode);
        }

        var refused = await client.PostAsJsonAsync("/v1/pings", new { listingId, message = "Hi" });

        var problem = await AssertProblemAsync(refused, (HttpStatusCode)429, "daily-limit-exceeded");
        var midnight = new DateTimeOffset(fixture.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        Assert.Equal(midnight, problem.GetProperty("retryAt").GetDateTimeOffset());
        Assert.Equal("\"daily\";q=50;w=86400", refused.Headers.GetValues("RateLimit-Policy").Single());
        var limits = await JsonAsync(await client.GetAsync("/v1/me/limits"));
        Assert.Equal(["daily"], limits.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }
}
