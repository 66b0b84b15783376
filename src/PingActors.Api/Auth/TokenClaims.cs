namespace PingActors.Api.Auth;

/// <summary>The JWT claim names PingActors reads, unmapped (no Microsoft schema URIs).</summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
}
