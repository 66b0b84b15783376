using Microsoft.AspNetCore.Http.HttpResults;
using PingActors.Analytics;
using PingActors.Api.Auth;
using PingActors.Api.Problems;
using PingActors.Api.Resilience;
using PingActors.Listings;
using PingActors.References;
using PingActors.Users;

namespace PingActors.Api.Analytics;

public static class AnalyticsEndpoints
{
    private const string RebuildPath = "/v1/admin/analytics/rebuild";

    public static IEndpointRouteBuilder MapAnalyticsEndpoints(this IEndpointRouteBuilder v1)
    {
        v1.MapGet("/users/{username}/stats", GetUserStatsAsync).WithTags("Analytics").WithName("GetUserStats");
        v1.MapGet("/listings/{listingId}/stats", GetListingStatsAsync).WithTags("Analytics").WithName("GetListingStats").ProducesProblems(ProblemTypes.NotFound);
        var admin = v1.MapGroup("/admin/analytics").WithTags("Admin").RequireAuthorization(Roles.AdminPolicy);
        admin.MapPost("/rebuild", StartRebuildAsync).WithName("RebuildAnalytics").ProducesProblems(ProblemTypes.RebuildRunning);
        admin.MapGet("/rebuild", GetRebuild).WithName("GetAnalyticsRebuild").ProducesProblems(ProblemTypes.NotFound);
        return v1;
    }

    /// <summary>A user's response figures over the pings of the last 30 days. Any signed-in user may read them.</summary>
    private static async Task<Results<Ok<UserStats>, ValidationProblem>> GetUserStatsAsync(
        string username, AnalyticsQueries analytics, CancellationToken cancellationToken) =>
        Username.IsValid(username)
            ? TypedResults.Ok(await analytics.GetUserStatsAsync(username, cancellationToken))
            : ApiProblems.Validation("username", "Not a valid username.");

    /// <summary>A listing's figures over its whole life. Any signed-in user may read them.</summary>
    private static async Task<Results<Ok<ListingStats>, ProblemHttpResult>> GetListingStatsAsync(
        Guid listingId, AnalyticsQueries analytics, IGrainFactory grains, GrainCalls calls, CancellationToken cancellationToken) =>
        await calls.RunAsync(() => grains.Reference<IListingGrain>(listingId).GetAsync(), cancellationToken) is null
            ? ApiProblems.Create(ProblemTypes.NotFound, "No such listing.")
            : TypedResults.Ok(await analytics.GetListingStatsAsync(listingId, cancellationToken));

    /// <summary>
    /// Recomputes every aggregate from the ping history, in the background (202; follow the Location for
    /// progress). Admins only; one rebuild runs at a time.
    /// </summary>
    private static async Task<Results<Accepted<RebuildStatus>, ProblemHttpResult>> StartRebuildAsync(AnalyticsRebuilds rebuilds) =>
        await rebuilds.StartAsync() is { } status
            ? TypedResults.Accepted(RebuildPath, status)
            : ApiProblems.Create(ProblemTypes.RebuildRunning, "Wait for the running rebuild to finish.");

    /// <summary>The progress of the latest rebuild started through this API process.</summary>
    private static Results<Ok<RebuildStatus>, ProblemHttpResult> GetRebuild(AnalyticsRebuilds rebuilds) =>
        rebuilds.Latest is { } status ? TypedResults.Ok(status) : ApiProblems.Create(ProblemTypes.NotFound, "No rebuild was started here.");
}
