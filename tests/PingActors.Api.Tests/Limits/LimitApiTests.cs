using System.Net.Http.Json;
using System.Text.Json;

namespace PingActors.Api.Tests.Limits;

[Collection(ApiCollection.Name)]
public sealed class LimitApiTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task MyLimits_ShowTheAllowance()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser());

        var limits = await JsonAsync(await client.GetAsync("/v1/me/limits"));

        Assert.Equal((50, 0, 50), (limits.GetProperty("dailyLimit").GetInt32(), limits.GetProperty("sentToday").GetInt32(), limits.GetProperty("remaining").GetInt32()));
        Assert.Equal(JsonValueKind.Null, limits.GetProperty("cooldownUntil").ValueKind);
        Assert.Equal(Fixture.Clock.GetUtcNow(), limits.GetProperty("resetAt").GetDateTimeOffset()); // a full bucket is whole now
        Assert.Equal("standard", limits.GetProperty("tier").GetString());
        Assert.Equal(
            ["daily", "adaptive-cooldown", "pending", "owner", "listing", "declined"],
            limits.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Admin_SetsALimitAndACooldown_AndLiftsIt()
    {
        var user = ApiFixture.NewUser();
        var admin = await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");
        var until = Fixture.Clock.GetUtcNow().AddHours(2);

        var limit = await JsonAsync(await admin.PutAsJsonAsync($"/v1/admin/users/{user}/limits", new { dailyLimit = 7 }));
        var cooled = await JsonAsync(await admin.PutAsJsonAsync($"/v1/admin/users/{user}/cooldown", new { until }));
        var lifted = await JsonAsync(await admin.PutAsJsonAsync($"/v1/admin/users/{user}/cooldown", new { until = (DateTimeOffset?)null }));

        Assert.Equal(7, limit.GetProperty("dailyLimit").GetInt32());
        Assert.Equal(until, cooled.GetProperty("cooldownUntil").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, lifted.GetProperty("cooldownUntil").ValueKind);
        var mine = await JsonAsync(await (await Fixture.SignInAsync(user)).GetAsync("/v1/me/limits"));
        Assert.Equal(7, mine.GetProperty("dailyLimit").GetInt32());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public async Task Admin_LimitOutOfRange_Is400(int dailyLimit)
    {
        var admin = await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");

        await AssertInvalidAsync(await admin.PutAsJsonAsync($"/v1/admin/users/{ApiFixture.NewUser()}/limits", new { dailyLimit }), "dailyLimit");
    }

    [Fact]
    public async Task Admin_InvalidUsername_Is400()
    {
        var admin = await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");

        await AssertInvalidAsync(await admin.PutAsJsonAsync("/v1/admin/users/No%20Body/limits", new { dailyLimit = 3 }), "username");
    }

    [Fact]
    public async Task Admin_CooldownWithoutUntil_Is400()
    {
        var admin = await Fixture.SignInAsync(ApiFixture.NewUser("admin"), "admin");

        await AssertInvalidAsync(await admin.PutAsJsonAsync($"/v1/admin/users/{ApiFixture.NewUser()}/cooldown", new { }), "until");
    }
}
