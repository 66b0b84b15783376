using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PingActors.Api.Auth;
using PingActors.Api.Idempotency;
using PingActors.Api.Problems;
using PingActors.Api.Resilience;
using PingActors.Listings;
using PingActors.References;
using PingActors.Text;
using PingActors.Users;

namespace PingActors.Api.Listings;

/// <summary>A listing to register or retitle.</summary>
/// <param name="Title">1 to 200 characters once trimmed.</param>
/// <param name="Owner">Who owns it; only the <c>service</c> or <c>admin</c> role may name someone other than the caller.</param>
public sealed record PutListingRequest(string? Title, string? Owner) : IRequestBody;

public static class ListingEndpoints
{
    public static IEndpointRouteBuilder MapListingEndpoints(this IEndpointRouteBuilder v1)
    {
        var listings = v1.MapGroup("/listings").WithTags("Listings");
        listings.MapPut("/{listingId}", PutAsync).WithName("PutListing").ProducesProblems(ProblemTypes.Forbidden);
        listings.MapGet("/{listingId}", GetAsync).WithName("GetListing").ProducesProblems(ProblemTypes.NotFound);
        listings.MapPost("/{listingId}/close", CloseAsync).WithName("CloseListing").ProducesProblems(ProblemTypes.Forbidden, ProblemTypes.NotFound);
        return v1;
    }

    /// <summary>Registers a listing (201) or retitles one the caller owns (200).</summary>
    private static async Task<Results<Created<Listing>, Ok<Listing>, ProblemHttpResult, ValidationProblem>> PutAsync(
        Guid listingId, PutListingRequest request, ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls)
    {
        var caller = user.Username();
        var owner = request.Owner ?? caller;
        var errors = new Dictionary<string, string[]>();
        if (request.Title is null)
        {
            errors["title"] = ["A title is required."];
        }

        if (!Username.IsValid(owner))
        {
            errors["owner"] = ["An owner is a username: 3 to 32 of a-z, 0-9, '_', '.', '-', starting with a letter or digit."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        if (owner != caller && !user.MayActForOthers())
        {
            return ApiProblems.Create(ProblemTypes.Forbidden, "Only the service or admin role may register a listing for someone else.");
        }

        var result = await calls.RunAsync(() => grains.Reference<IListingGrain>(listingId).RegisterAsync(owner, request.Title!));
        return result.Outcome switch
        {
            ListingChangeOutcome.Created => TypedResults.Created($"/v1/listings/{listingId}", result.Listing),
            ListingChangeOutcome.Updated => TypedResults.Ok(result.Listing),
            ListingChangeOutcome.InvalidTitle => ApiProblems.Validation("title", $"A title is {TextRules.TitleRule}."),
            _ => ApiProblems.Create(ProblemTypes.Forbidden, "The listing belongs to someone else."),
        };
    }

    /// <summary>Reads a listing.</summary>
    private static async Task<Results<Ok<Listing>, ProblemHttpResult>> GetAsync(Guid listingId, IGrainFactory grains, GrainCalls calls) =>
        await calls.RunAsync(() => grains.Reference<IListingGrain>(listingId).GetAsync()) is { } listing
            ? TypedResults.Ok(listing)
            : ApiProblems.Create(ProblemTypes.NotFound, "No such listing.");

    /// <summary>Closes a listing to new pings. Only its owner may.</summary>
    private static async Task<Results<Ok<Listing>, ProblemHttpResult>> CloseAsync(Guid listingId, ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls)
    {
        var result = await calls.RunAsync(() => grains.Reference<IListingGrain>(listingId).CloseAsync(user.Username()));
        return result.Outcome switch
        {
            ListingChangeOutcome.Updated => TypedResults.Ok(result.Listing!),
            ListingChangeOutcome.NotOwner => ApiProblems.Create(ProblemTypes.Forbidden, "Only the listing's owner may close it."),
            _ => ApiProblems.Create(ProblemTypes.NotFound, "No such listing."),
        };
    }
}
