using Microsoft.AspNetCore.Http.HttpResults;
using PingActors.Api.Problems;
using PingActors.Users;

namespace PingActors.Api.Auth;

/// <summary>Who a development token is for.</summary>
/// <param name="Username">The token's subject.</param>
/// <param name="Roles">Any of <c>admin</c> and <c>service</c>.</param>
public sealed record DevTokenRequest(string? Username, IReadOnlyList<string>? Roles);

/// <summary>A signed bearer token.</summary>
public sealed record DevToken(string Token, DateTimeOffset ExpiresAt);

public static class DevTokenEndpoints
{
    /// <summary><c>POST /v1/dev/token</c>, mapped only when <c>Auth:DevTokens</c> is on; otherwise the route does not exist (404).</summary>
    public static IEndpointRouteBuilder MapDevTokenEndpoints(this IEndpointRouteBuilder v1)
    {
        v1.MapPost("/dev/token", Issue).AllowAnonymous().WithTags("Development").WithName("IssueDevToken");
        return v1;
    }

    /// <summary>Issues a token for any user, with any roles. For development only.</summary>
    private static Results<Ok<DevToken>, ValidationProblem> Issue(DevTokenRequest request, TokenIssuer issuer)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Username.IsValid(request.Username))
        {
            errors["username"] = ["A username is 3 to 32 of a-z, 0-9, '_', '.', '-', starting with a letter or digit."];
        }

        var roles = request.Roles ?? [];
        if (roles.Any(role => !Roles.All.Contains(role)))
        {
            errors["roles"] = ["Roles are 'admin' and 'service'."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var (token, expiresAt) = issuer.Issue(request.Username!, roles.Distinct());
        return TypedResults.Ok(new DevToken(token, expiresAt));
    }
}
