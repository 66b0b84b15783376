using Microsoft.AspNetCore.Http.HttpResults;
using PingActors.Api.Problems;
using PingActors.Api.Resilience;
using PingActors.Insights;
using PingActors.Listings;
using PingActors.References;
using PingActors.Users;

namespace PingActors.Api.Insights;

public static class InsightEndpoints
{
    public static IEndpointRouteBuilder MapInsightEndpoints(this IEndpointRouteBuilder v1)
    {
        v1.MapGet("/users/{username}/insights", GetUserInsightsAsync).WithTags("Insights").WithName("GetUserInsights");
        v1.MapGet("/listings/{listingId}/insights", GetListingInsightsAsync).WithTags("Insights").WithName("GetListingInsights").ProducesProblems(ProblemTypes.NotFound);
        v1.MapGroup("/insights").WithTags("Insights").MapGet("/population", GetPopulationAsync).WithName("GetPopulationInsights");
        return v1;
    }

    /// <summary>
    /// What to expect from an owner: the chance a new ping is answered, how soon, and when they are active, with
    /// the counts each rests on and the model version. Any signed-in user may read them.
    /// </summary>
    private static async Task<Results<Ok<OwnerInsights>, ValidationProblem>> GetUserInsightsAsync(
        string username, InsightReads insights, CancellationToken cancellationToken) =>
        Username.IsValid(username)
            ? TypedResults.Ok(await insights.GetOwnerAsync(username, cancellationToken))
            : ApiProblems.Validation("username", "Not a valid username.");

    /// <summary>What to expect from a ping about a listing: its own chance of an answer, shrunk towards its owner's, and its owner's times.</summary>
    private static async Task<Results<Ok<ListingInsights>, ProblemHttpResult>> GetListingInsightsAsync(
        Guid listingId, InsightReads insights, IGrainFactory grains, GrainCalls calls, CancellationToken cancellationToken) =>
        await calls.RunAsync(() => grains.Reference<IListingGrain>(listingId).GetAsync(), cancellationToken) is { } listing
            ? TypedResults.Ok(await insights.GetListingAsync(listingId, listing.Owner, cancellationToken))
            : ApiProblems.Create(ProblemTypes.NotFound, "No such listing.");

    /// <summary>The population model: the answer-probability prior, the response-time model and the Kaplan-Meier curves.</summary>
    private static async Task<Ok<PopulationInsights>> GetPopulationAsync(InsightQueries insights, CancellationToken cancellationToken) =>
        TypedResults.Ok(await insights.GetPopulationAsync(cancellationToken));
}
