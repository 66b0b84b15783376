using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using PingActors.Api.Idempotency;
using PingActors.Api.Problems;

namespace PingActors.Api.Tests.OpenApi;

/// <summary>The API's routes, read from the running host, and what each can answer with, read from the route itself.</summary>
internal static class ApiRoutes
{
    /// <summary>Every route of the API as the document names it: method, and path without a trailing slash.</summary>
    public static IEnumerable<(RouteEndpoint Endpoint, string Method, string Path)> Of(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/v1/", StringComparison.Ordinal) == true)
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(method => (endpoint, method, "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(Segment)))));

    private static string Segment(RoutePatternPathSegment segment) =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            _ => "",
        }));

    /// <summary>
    /// What a route can answer with, read from the route: the slugs its handler's code names, 401 and 503 for a
    /// route that needs a token (it reaches the cluster), 403 for one with a policy, 400 for one that binds input,
    /// 415 for one that reads a body, and the idempotency problems for one that takes an Idempotency-Key.
    /// </summary>
    public static HashSet<string> ExpectedProblems(RouteEndpoint endpoint, ApiDescription description)
    {
        var handler = endpoint.Metadata.GetMetadata<MethodInfo>()!;
        var expected = HandlerProblems.Of(handler).ToHashSet();
        var authorization = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        if (authorization.Count > 0 && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            expected.UnionWith([ProblemTypes.Unauthorized, ProblemTypes.Unavailable]);
            if (authorization.Any(rule => rule.Policy is not null || rule.Roles is not null))
            {
                expected.Add(ProblemTypes.Forbidden);
            }
        }

        // The framework's own view of the route's input (services and the caller are not input).
        if (description.ParameterDescriptions.Count > 0)
        {
            expected.Add(ProblemTypes.Validation);
        }

        if (description.ParameterDescriptions.Any(parameter => parameter.Source == BindingSource.Body))
        {
            expected.Add(ProblemTypes.UnsupportedMediaType);
        }

        if (endpoint.Metadata.GetMetadata<IdempotencyMetadata>() is not null)
        {
            expected.UnionWith([ProblemTypes.Validation, ProblemTypes.IdempotencyKeyReused, ProblemTypes.IdempotencyKeyInFlight]);
        }

        return expected;
    }
}
