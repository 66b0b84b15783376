using System.Globalization;
using PingActors.Api.Auth;
using PingActors.Api.Resilience;
using PingActors.Limits;
using PingActors.Platform;
using PingActors.References;
using PingActors.Users;

namespace PingActors.Api.Pings;

/// <summary>
/// Puts the sender's limits on every answer of the ping routes, success or not, in the IETF RateLimit header
/// fields, one entry per rule that counts something: <c>RateLimit-Policy: "daily";q=50;w=86400, "pending";q=50</c>
/// and <c>RateLimit: "daily";r=12;t=3600, "pending";r=49;t=259200</c>. A refusal's rule is always listed, with
/// <c>r=0</c> and the seconds until it lifts, so the policy that bit is named whichever it was.
/// </summary>
internal static class RateLimitHeaders
{
    private static readonly object _allowanceKey = new();
    private static readonly object _refusalKey = new();

    /// <summary>Remembers the allowance an endpoint already has, so the headers need no extra grain call.</summary>
    public static void Remember(HttpContext context, Allowance allowance, string? refusedBy = null, DateTimeOffset? retryAt = null)
    {
        context.Items[_allowanceKey] = allowance;
        if (refusedBy is not null)
        {
            context.Items[_refusalKey] = new Refusal(refusedBy, retryAt);
        }
    }

    public static TBuilder WithRateLimitHeaders<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder => endpoint.WithMetadata(new RateLimitHeadersMetadata()).AddEndpointFilter(async (context, next) =>
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var allowance = http.Items[_allowanceKey] as Allowance
                ?? await http.RequestServices.GetRequiredService<GrainCalls>().RunAsync(
                    () => http.RequestServices.GetRequiredService<IGrainFactory>().Reference<IUserGrain>(http.User.Username()).GetAllowanceAsync());
            var clock = http.RequestServices.GetRequiredKeyedService<TimeProvider>(DomainClock.Key);
            Apply(http.Response, allowance, http.Items[_refusalKey] as Refusal, clock.GetUtcNow());
        }

        return result;
    });

    private static void Apply(HttpResponse response, Allowance allowance, Refusal? refusal, DateTimeOffset now)
    {
        var policies = new List<string>();
        var states = new List<string>();
        foreach (var rule in allowance.Rules.Where(IsQuota))
        {
            var refused = refusal?.Rule == rule.Name;
            var window = rule.Name is LimitNames.Daily or LimitNames.Listing ? ";w=86400" : "";
            policies.Add(string.Create(CultureInfo.InvariantCulture, $"\"{rule.Name}\";q={rule.Limit}{window}"));
            states.Add(string.Create(CultureInfo.InvariantCulture, $"\"{rule.Name}\";r={(refused ? 0 : rule.Remaining)};t={SecondsUntil((refused ? refusal!.RetryAt : null) ?? rule.ResetAt ?? now, now)}"));
        }

        if (refusal is { } bit && !allowance.Rules.Any(r => r.Name == bit.Rule && IsQuota(r)))
        {
            var limit = allowance.Rules.FirstOrDefault(r => r.Name == bit.Rule)?.Limit ?? 0;
            var window = bit.Rule == LimitNames.Listing ? ";w=86400" : "";
            policies.Add(string.Create(CultureInfo.InvariantCulture, $"\"{bit.Rule}\";q={limit}{window}"));
            states.Add(string.Create(CultureInfo.InvariantCulture, $"\"{bit.Rule}\";r=0;t={SecondsUntil(bit.RetryAt ?? now, now)}"));
        }

        response.Headers["RateLimit-Policy"] = string.Join(", ", policies);
        response.Headers["RateLimit"] = string.Join(", ", states);
    }

    /// <summary>The rules a sender spends (the allowance, the places for pending pings); a pause or a block is listed only when it refuses.</summary>
    private static bool IsQuota(LimitRule rule) => rule is { Name: LimitNames.Daily or LimitNames.Pending, Limit: not null, Remaining: not null };

    /// <summary>Whole seconds from <paramref name="now"/> until <paramref name="at"/>, rounded up, never negative.</summary>
    public static long SecondsUntil(DateTimeOffset at, DateTimeOffset now) => Math.Max(0, (long)Math.Ceiling((at - now).TotalSeconds));

    private sealed record Refusal(string Rule, DateTimeOffset? RetryAt);
}
