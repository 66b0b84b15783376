using System.Globalization;
using PingActors.Api.Auth;
using PingActors.Api.Resilience;
using PingActors.Limits;
using PingActors.Platform;
using PingActors.Users;

namespace PingActors.Api.Pings;

/// <summary>
/// Puts the sender's allowance on every answer of the ping routes, success or not, in the IETF
/// RateLimit header fields: <c>RateLimit-Policy: "daily";q=50;w=86400</c> and <c>RateLimit: "daily";r=12;t=3600</c>.
/// </summary>
internal static class RateLimitHeaders
{
    private static readonly object _allowanceKey = new();

    /// <summary>Remembers the allowance an endpoint already has, so the headers need no extra grain call.</summary>
    public static void Remember(HttpContext context, Allowance allowance) => context.Items[_allowanceKey] = allowance;

    public static TBuilder WithRateLimitHeaders<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder => endpoint.WithMetadata(new RateLimitHeadersMetadata()).AddEndpointFilter(async (context, next) =>
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true)
        {
            var allowance = http.Items[_allowanceKey] as Allowance
                ?? await http.RequestServices.GetRequiredService<GrainCalls>().RunAsync(
                    () => http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(http.User.Username()).GetAllowanceAsync());
            var clock = http.RequestServices.GetRequiredKeyedService<TimeProvider>(DomainClock.Key);
            Apply(http.Response, allowance, clock.GetUtcNow());
        }

        return result;
    });

    private static void Apply(HttpResponse response, Allowance allowance, DateTimeOffset now)
    {
        var reset = SecondsUntil(allowance.ResetAt, now);
        response.Headers["RateLimit-Policy"] = string.Create(CultureInfo.InvariantCulture, $"\"daily\";q={allowance.DailyLimit};w=86400");
        response.Headers["RateLimit"] = string.Create(CultureInfo.InvariantCulture, $"\"daily\";r={allowance.Remaining};t={reset}");
    }

    /// <summary>Whole seconds from <paramref name="now"/> until <paramref name="at"/>, rounded up, never negative.</summary>
    public static long SecondsUntil(DateTimeOffset at, DateTimeOffset now) => Math.Max(0, (long)Math.Ceiling((at - now).TotalSeconds));
}
