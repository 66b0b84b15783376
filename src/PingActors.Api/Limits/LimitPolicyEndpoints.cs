using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PingActors.Api.Auth;
using PingActors.Api.Idempotency;
using PingActors.Api.Problems;
using PingActors.Limits;
using PingActors.Platform;

namespace PingActors.Api.Limits;

/// <summary>The policies to put in force.</summary>
/// <param name="Enforced">The policy that decides.</param>
/// <param name="Candidate">A policy to run beside it in shadow, or <see langword="null"/>.</param>
/// <param name="CandidateRolloutPercent">The share of senders (0 to 100, by a hash of the username) the candidate decides for.</param>
/// <param name="ExpectedVersion">The version this change replaces; if another change came first, the answer is 409.</param>
public sealed record PutLimitPoliciesRequest(LimitPolicy? Enforced, LimitPolicy? Candidate, int? CandidateRolloutPercent, long? ExpectedVersion) : IRequestBody;

public static class LimitPolicyEndpoints
{
    public static IEndpointRouteBuilder MapLimitPolicyEndpoints(this IEndpointRouteBuilder v1)
    {
        var admin = v1.MapGroup("/admin/limits").WithTags("Admin").RequireAuthorization(Roles.AdminPolicy);
        admin.MapGet("/policy", GetAsync).WithName("GetLimitPolicies");
        admin.MapPut("/policy", PutAsync).WithName("PutLimitPolicies").ProducesProblems(ProblemTypes.PolicyChanged);
        admin.MapGet("/shadow", ShadowAsync).WithName("GetShadowSummary");
        return v1;
    }

    /// <summary>The policies in force: the enforced one, the candidate in shadow and its rollout share, with their version.</summary>
    private static async Task<Ok<LimitPolicySet>> GetAsync(LimitPolicies policies, CancellationToken cancellationToken)
    {
        await policies.RefreshAsync(cancellationToken);
        return TypedResults.Ok(policies.Current);
    }

    /// <summary>Puts new policies in force across the cluster (every silo reads them within its refresh interval). Admins only.</summary>
    private static async Task<Results<Ok<LimitPolicySet>, ValidationProblem, ProblemHttpResult>> PutAsync(
        PutLimitPoliciesRequest request,
        ClaimsPrincipal user,
        LimitPolicies policies,
        LimitPolicyStore store,
        [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Enforced is null)
        {
            errors["enforced"] = ["The enforced policy is required."];
        }

        foreach (var (field, messages) in request.Enforced?.Validate() ?? [])
        {
            errors[$"enforced.{field}"] = messages;
        }

        foreach (var (field, messages) in request.Candidate?.Validate() ?? [])
        {
            errors[$"candidate.{field}"] = messages;
        }

        var rollout = request.CandidateRolloutPercent ?? 0;
        if (rollout is < 0 or > 100 || (rollout > 0 && request.Candidate is null))
        {
            errors["candidateRolloutPercent"] = ["candidateRolloutPercent is 0 to 100, and above 0 only with a candidate."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        await policies.RefreshAsync(cancellationToken);
        var current = policies.Current.Version;
        if (request.ExpectedVersion is { } expected && expected != current)
        {
            return ApiProblems.Create(ProblemTypes.PolicyChanged, $"The policies are at version {current}; read them again.");
        }

        var next = new LimitPolicySet(current + 1, request.Enforced!, request.Candidate, rollout, clock.GetUtcNow(), user.Username());
        if (!await store.WriteAsync(next, current, cancellationToken))
        {
            return ApiProblems.Create(ProblemTypes.PolicyChanged, "Another change was stored at the same moment; read the policies again.");
        }

        await policies.RefreshAsync(cancellationToken);
        return TypedResults.Ok(policies.Current);
    }

    /// <summary>
    /// What the candidate in shadow would have refused of the pings sent since <paramref name="since"/> (by default,
    /// since the policies were last changed), and how many of those were answered after all. Admins only.
    /// </summary>
    private static async Task<Ok<ShadowSummary>> ShadowAsync(DateTimeOffset? since, LimitPolicies policies, ShadowQueries shadow, CancellationToken cancellationToken)
    {
        await policies.RefreshAsync(cancellationToken);
        return TypedResults.Ok(await shadow.SummarizeAsync(since ?? policies.Current.ChangedAt, cancellationToken));
    }
}
