using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace PingActors.Api.Tests.Auth;

[Collection(ApiCollection.Name)]
public sealed class AuthTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task V1Route_WithoutAToken_Is401Problem()
    {
        var response = await Fixture.Anonymous().GetAsync("/v1/me/limits");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "wrong key", Token("someone", key: "another-key-of-at-least-thirty-two-bytes!") },
        { "expired", Token("someone", expires: DateTime.UtcNow.AddMinutes(-5)) },
        { "wrong issuer", Token("someone", issuer: "elsewhere") },
        { "wrong audience", Token("someone", audience: "elsewhere") },
        { "sub not a username", Token("Not A Username!") },
        { "garbage", "not-a-jwt" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task V1Route_WithABadToken_Is401Problem(string why, string token)
    {
        var client = Fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/v1/me/limits");

        Assert.False(string.IsNullOrEmpty(why));
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ATokenSignedWithTheConfiguredKey_IsAccepted()
    {
        var client = Fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(ApiFixture.NewUser()));

        var response = await client.GetAsync("/v1/me/limits");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AToken_IsAcceptedAgain_AndATamperedCopyOfItIsNot()
    {
        var user = ApiFixture.NewUser();
        var token = Token(user);
        var client = Fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/me/limits")).StatusCode);

        // The second request finds the token validated; it is the same user, with the same roles.
        var again = await client.PutAsJsonAsync($"/v1/listings/{Guid.NewGuid()}", new { title = "Oak table" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(user, (await JsonAsync(again)).GetProperty("owner").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/v1/admin/limits/policy")).StatusCode);

        // Same header and payload, another signature: validated afresh, and refused.
        var parts = token.Split('.');
        var tampered = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";
        var forger = Fixture.Anonymous();
        forger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tampered);
        await AssertProblemAsync(await forger.GetAsync("/v1/me/limits"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ATokenRefusedOnce_IsRefusedAgain()
    {
        var client = Fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token("Not A Username!"));

        await AssertProblemAsync(await client.GetAsync("/v1/me/limits"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertProblemAsync(await client.GetAsync("/v1/me/limits"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AdminRoute_WithoutTheAdminRole_Is403Problem()
    {
        var client = await Fixture.SignInAsync(ApiFixture.NewUser(), "service");

        var response = await client.PutAsJsonAsync($"/v1/admin/users/{ApiFixture.NewUser()}/limits", new { dailyLimit = 5 });

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task DevToken_CarriesTheRequestedRoles()
    {
        var response = await Fixture.Anonymous().PostAsJsonAsync("/v1/dev/token", new { username = "ops-person", roles = new[] { "admin", "service" } });

        var body = await JsonAsync(response);
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(body.GetProperty("token").GetString());
        Assert.Equal("ops-person", jwt.Subject);
        Assert.Equal(["admin", "service"], jwt.Claims.Where(c => c.Type == "role").Select(c => c.Value).Order());
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task DevToken_WithAnUnknownRoleOrBadUsername_Is400()
    {
        var response = await Fixture.Anonymous().PostAsJsonAsync("/v1/dev/token", new { username = "X", roles = new[] { "root" } });

        await AssertInvalidAsync(response, "username", "roles");
    }

    private static string Token(string subject, string key = ApiFixture.SigningKey, string issuer = "pingactors", string audience = "pingactors", DateTime? expires = null)
    {
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256);
        var notBefore = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2);
        var token = new JwtSecurityToken(issuer, audience, [new Claim("sub", subject)], notBefore, expires ?? DateTime.UtcNow.AddHours(1), credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
