using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using PingActors.Api.Auth;
using PingActors.Api.Idempotency;
using PingActors.Api.Problems;
using PingActors.Api.Resilience;
using PingActors.Limits;
using PingActors.References;
using PingActors.Users;

namespace PingActors.Api.Limits;

/// <summary>A user's own daily limit.</summary>
/// <param name="DailyLimit">0 to 10,000 pings a day.</param>
public sealed record SetLimitRequest(int? DailyLimit) : IRequestBody
{
    public const int Max = 10_000;
}

/// <summary>A cooldown.</summary>
/// <param name="Until">When it ends; <see langword="null"/> lifts it.</param>
public sealed record SetCooldownRequest([property: JsonRequired] DateTimeOffset? Until) : IRequestBody;

public static class LimitEndpoints
{
    public static IEndpointRouteBuilder MapLimitEndpoints(this IEndpointRouteBuilder v1)
    {
        v1.MapGet("/me/limits", GetMineAsync).WithTags("Limits").WithName("GetMyLimits");
        var admin = v1.MapGroup("/admin/users/{username}").WithTags("Admin").RequireAuthorization(Roles.AdminPolicy);
        admin.MapPut("/limits", SetLimitAsync).WithName("SetDailyLimit");
        admin.MapPut("/cooldown", SetCooldownAsync).WithName("SetCooldown");
        return v1;
    }

    /// <summary>The caller's allowance: limit, sent today, remaining, reset time and cooldown.</summary>
    private static async Task<Ok<Allowance>> GetMineAsync(ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls) =>
        TypedResults.Ok(await calls.RunAsync(() => grains.Reference<IUserGrain>(user.Username()).GetAllowanceAsync()));

    /// <summary>Sets a user's daily limit. Admins only.</summary>
    private static async Task<Results<Ok<Allowance>, ValidationProblem>> SetLimitAsync(string username, SetLimitRequest request, IGrainFactory grains, GrainCalls calls)
    {
        var errors = UsernameErrors(username);
        if (request.DailyLimit is not (>= 0 and <= SetLimitRequest.Max))
        {
            errors["dailyLimit"] = [$"dailyLimit is 0 to {SetLimitRequest.Max}."];
        }

        return errors.Count > 0
            ? ApiProblems.Validation(errors)
            : TypedResults.Ok(await calls.RunAsync(() => grains.Reference<IUserGrain>(username).SetDailyLimitAsync(request.DailyLimit)));
    }

    /// <summary>Puts a user on a cooldown until a time, or lifts it (<c>until: null</c>). Admins only.</summary>
    private static async Task<Results<Ok<Allowance>, ValidationProblem>> SetCooldownAsync(string username, SetCooldownRequest request, IGrainFactory grains, GrainCalls calls)
    {
        var errors = UsernameErrors(username);
        return errors.Count > 0
            ? ApiProblems.Validation(errors)
            : TypedResults.Ok(await calls.RunAsync(() => grains.Reference<IUserGrain>(username).SetCooldownAsync(request.Until)));
    }

    private static Dictionary<string, string[]> UsernameErrors(string username) =>
        Username.IsValid(username) ? [] : new() { ["username"] = ["Not a valid username."] };
}
