using System.Security.Claims;

namespace PingActors.Api.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's username: the token's <c>sub</c>, checked to be a valid username when the token was read.</summary>
    public static string Username(this ClaimsPrincipal user) =>
        user.FindFirstValue(TokenClaims.Subject) ?? throw new InvalidOperationException("The request is not authenticated.");

    /// <summary>Whether the caller may act for other users.</summary>
    public static bool MayActForOthers(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Service);
}
