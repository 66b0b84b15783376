using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace PingActors.Api.Problems;

/// <summary>
/// The one writer of problem details: always <c>application/problem+json</c>, whatever the request's
/// <c>Accept</c> says. The framework's own writer declines a request that accepts no JSON (a browser's
/// <c>text/html</c>, an <c>EventSource</c>'s <c>text/event-stream</c>), and with no writer left a 404 turned into
/// a 500 with an empty body. An error nobody asked for in JSON is still better told in JSON than not at all
/// (RFC 9110 lets a server disregard <c>Accept</c> rather than answer 406).
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        var type = json.Value.SerializerOptions.GetTypeInfo(problem.GetType());
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, type, ContentType, http.RequestAborted));
    }
}
