using System.Security.Claims;
using Microsoft.Extensions.Options;
using PingActors.Api.Auth;

namespace PingActors.Api.Tests.Auth;

public sealed class ValidatedTokensTests
{
    private static readonly DateTimeOffset _now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ARememberedToken_IsFound_WithItsSubjectAndRoles()
    {
        using var tokens = Tokens();
        tokens.Remember("header.payload.signature", Principal("alice", "admin", "service"), _now.AddHours(1), _now);

        var found = tokens.Find("header.payload.signature", _now.AddMinutes(1), "Bearer")!;

        Assert.Equal("alice", found.Identity!.Name);
        Assert.True(found.Identity.IsAuthenticated);
        Assert.True(found.IsInRole("admin") && found.IsInRole("service"));
        Assert.Equal(["alice"], found.FindAll(TokenClaims.Subject).Select(c => c.Value));
    }

    [Fact]
    public void AnotherToken_EvenOneCharacterApart_IsNotFound()
    {
        using var tokens = Tokens();
        tokens.Remember("header.payload.signature", Principal("alice"), _now.AddHours(1), _now);

        Assert.Null(tokens.Find("header.payload.signaturf", _now, "Bearer"));
        Assert.Null(tokens.Find("header.payload.signature ", _now, "Bearer"));
        Assert.Null(tokens.Find(null, _now, "Bearer"));
    }

    [Fact]
    public void AToken_IsForgottenWhenItExpires()
    {
        using var tokens = Tokens();
        tokens.Remember("t", Principal("alice"), _now.AddMinutes(2), _now);

        Assert.NotNull(tokens.Find("t", _now.AddMinutes(2).AddTicks(-1), "Bearer"));
        Assert.Null(tokens.Find("t", _now.AddMinutes(2), "Bearer"));
    }

    [Fact]
    public void AToken_IsRememberedForAtMostTheConfiguredLifetime()
    {
        using var tokens = Tokens(lifetime: TimeSpan.FromMinutes(10));
        tokens.Remember("t", Principal("alice"), _now.AddDays(1), _now);

        Assert.NotNull(tokens.Find("t", _now.AddMinutes(9), "Bearer"));
        Assert.Null(tokens.Find("t", _now.AddMinutes(10), "Bearer"));
    }

    [Fact]
    public void WithNoRoom_NothingIsRemembered()
    {
        using var tokens = Tokens(size: 0);
        tokens.Remember("t", Principal("alice"), _now.AddHours(1), _now);

        Assert.Null(tokens.Find("t", _now, "Bearer"));
    }

    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer   abc  ", "abc")]
    [InlineData("Basic abc", null)]
    [InlineData("Bearerabc", null)]
    [InlineData(null, null)]
    public void FromHeader_ReadsTheBearerToken(string? header, string? token) => Assert.Equal(token, ValidatedTokens.FromHeader(header));

    private static ValidatedTokens Tokens(int size = 100, TimeSpan? lifetime = null) =>
        new(Options.Create(new AuthOptions { ValidatedTokenCacheSize = size, ValidatedTokenLifetime = lifetime ?? TimeSpan.FromMinutes(10) }));

    private static ClaimsPrincipal Principal(string subject, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(TokenClaims.Subject, subject), .. roles.Select(role => new Claim(TokenClaims.Role, role)), new Claim("iss", "pingactors")],
            "Bearer", TokenClaims.Subject, TokenClaims.Role));
}
