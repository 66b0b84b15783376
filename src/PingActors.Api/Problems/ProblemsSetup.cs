using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PingActors.Api.Problems;

public static class ProblemsSetup
{
    /// <summary>
    /// Problem details everywhere: the framework's own errors (an unknown route, a wrong method, a failed
    /// binding) get the same <c>type</c> scheme as the API's, every problem carries the trace id, and every
    /// problem is written as JSON whatever the request accepts (<see cref="ProblemJsonWriter"/>).
    /// </summary>
    public static IServiceCollection AddPingActorsProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Type is null || !problem.Type.StartsWith(ProblemTypes.BaseUri, StringComparison.Ordinal))
            {
                var slug = ProblemTypes.ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
                problem.Type = ProblemTypes.Uri(slug);
                problem.Title = ApiProblems.Describe(slug).Title;
            }

            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        // Ours alone, so writing a problem can never fail for want of a writer that accepts the request.
        services.RemoveAll<IProblemDetailsWriter>();
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddExceptionHandler<RequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
