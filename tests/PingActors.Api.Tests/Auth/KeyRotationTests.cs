using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PingActors.Api.Tests.Auth;

/// <summary>
/// Rotating the signing key: the new key signs, and tokens signed with a previous key (<c>Auth:PreviousSigningKeys</c>)
/// stay valid until they expire, so nobody is signed out when the key changes.
/// </summary>
public sealed class KeyRotationTests(KeyRotationFixture fixture) : IClassFixture<KeyRotationFixture>
{
    [Theory]
    [InlineData(KeyRotationFixture.PreviousKey, HttpStatusCode.OK)]
    [InlineData(ApiFixture.SigningKey, HttpStatusCode.OK)]
    [InlineData("a-key-this-api-never-had-of-32-bytes-or-more", HttpStatusCode.Unauthorized)]
    public async Task Token_SignedWithAKey_IsAcceptedOnlyIfTheKeyIsCurrentOrPrevious(string key, HttpStatusCode expected)
    {
        var client = fixture.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(key, ApiFixture.NewUser()));

        var response = await client.GetAsync("/v1/me/limits");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task DevToken_IsSignedWithTheCurrentKey()
    {
        var response = await fixture.Anonymous().PostAsJsonAsync("/v1/dev/token", new { username = ApiFixture.NewUser() });
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString();

        var current = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(ApiFixture.SigningKey));
        var previous = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(KeyRotationFixture.PreviousKey));

        Assert.True(current.IsValid);
        Assert.False(previous.IsValid);
    }

    private static string Token(string key, string username) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "pingactors",
        Audience = "pingactors",
        Subject = new ClaimsIdentity([new Claim("sub", username)]),
        Expires = DateTime.UtcNow.AddMinutes(5),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });

    private static TokenValidationParameters Parameters(string key) => new()
    {
        ValidIssuer = "pingactors",
        ValidAudience = "pingactors",
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
    };
}
