using System.Collections.Concurrent;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Routing.Template;

namespace PingActors.Api.Routing;

/// <summary>
/// A request whose path names a literal route, with a method that route does not take, is a 405 that lists the
/// methods the literal route takes, even where a route with a parameter in the same place takes that method:
/// <c>GET /v1/pings/batch</c> is "use POST", not a ping whose id "batch" is malformed. Routing would match
/// <c>/v1/pings/{pingId}</c> there, since a parameter matches any segment, and its own 405 would list the
/// parameter route's methods too. Applies to every route, including routes added later.
/// </summary>
internal sealed class LiteralSegmentsFirst(EndpointDataSource endpoints) : MatcherPolicy, IEndpointSelectorPolicy
{
    // The framework's own 405 endpoint (HttpMethodMatcherPolicy) is known only by this name.
    private const string FrameworkMethodNotAllowed = "405 HTTP Method Not Supported";

    private readonly ConcurrentDictionary<Endpoint, IReadOnlyList<Route>> _shadows = new();
    private IReadOnlyList<Route>? _routes;

    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Any(endpoint =>
        endpoint is RouteEndpoint { RoutePattern.Parameters.Count: > 0 } || endpoint.DisplayName == FrameworkMethodNotAllowed);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var request = httpContext.Request;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i))
            {
                continue;
            }

            var endpoint = candidates[i].Endpoint;
            IEnumerable<Route> rivals = endpoint.DisplayName == FrameworkMethodNotAllowed ? Routes()
                : endpoint is RouteEndpoint route ? _shadows.GetOrAdd(route, Shadows)
                : [];
            var matching = rivals.Where(rival => rival.Matcher.TryMatch(request.Path, new RouteValueDictionary())).ToList();
            if (matching.Count == 0)
            {
                continue;
            }

            // Inbound precedence: the lower, the more literal (and the earlier routing would try it).
            var first = matching.Min(rival => rival.Precedence);
            var literal = matching.Where(rival => rival.Precedence == first).ToList();
            if (!literal.Any(rival => rival.Methods.Contains(request.Method, StringComparer.OrdinalIgnoreCase)))
            {
                var allow = string.Join(", ", literal.SelectMany(rival => rival.Methods).Distinct().Order(StringComparer.Ordinal));
                candidates.ReplaceEndpoint(i, MethodNotAllowed(allow), null);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Every route that takes some methods.</summary>
    private IReadOnlyList<Route> Routes() => _routes ??= [.. endpoints.Endpoints.OfType<RouteEndpoint>()
        .Where(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { HttpMethods.Count: > 0 })
        .Select(endpoint => new Route(endpoint, endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods))];

    /// <summary>The routes that win over <paramref name="endpoint"/> wherever both match, by a literal segment where it has a parameter.</summary>
    private IReadOnlyList<Route> Shadows(Endpoint endpoint)
    {
        var route = new Route((RouteEndpoint)endpoint, []);
        return [.. Routes().Where(other => other.Precedence < route.Precedence && Overlap(route.Template, other.Template))];
    }

    /// <summary>Whether some path could match both templates: as many segments, and no two different literals in one place.</summary>
    private static bool Overlap(RouteTemplate a, RouteTemplate b) =>
        a.Segments.Count == b.Segments.Count && a.Segments.Zip(b.Segments).All(pair =>
            !pair.First.IsSimple || !pair.Second.IsSimple || !pair.First.Parts[0].IsLiteral || !pair.Second.Parts[0].IsLiteral
            || string.Equals(pair.First.Parts[0].Text, pair.Second.Parts[0].Text, StringComparison.OrdinalIgnoreCase));

    private static Endpoint MethodNotAllowed(string allow) => new(context =>
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = allow;
        return Task.CompletedTask;
    }, EndpointMetadataCollection.Empty, $"405 ({allow})");

    private sealed class Route
    {
        public Route(RouteEndpoint endpoint, IReadOnlyList<string> methods)
        {
            Template = new RouteTemplate(endpoint.RoutePattern);
            Matcher = new TemplateMatcher(Template, new RouteValueDictionary());
            Precedence = RoutePrecedence.ComputeInbound(Template);
            Methods = methods;
        }

        public RouteTemplate Template { get; }

        public TemplateMatcher Matcher { get; }

        public decimal Precedence { get; }

        public IReadOnlyList<string> Methods { get; }
    }
}
