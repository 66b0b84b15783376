using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace PingActors.Api.Problems;

/// <summary>
/// Turns what escapes an endpoint into a problem: a request that could not be read (bad JSON, a wrong type,
/// an unknown or repeated field, a malformed id, a body over the limit) is a 400 that names the field; an
/// infrastructure failure anywhere in the exception's chain (see
/// <see cref="InfrastructureFailures"/>) is a 503 with <c>Retry-After</c>; anything else is a 500 that gives
/// nothing away.
/// </summary>
internal sealed partial class RequestExceptionHandler(IProblemDetailsService problems, ILogger<RequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            problem = new HttpValidationProblemDetails(Describe(bad)) { Status = StatusCodes.Status400BadRequest, Type = ProblemTypes.Uri(ProblemTypes.Validation) };
        }
        else if (InfrastructureFailures.IsInfrastructure(exception))
        {
            LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Type = ProblemTypes.Uri(ProblemTypes.Unavailable), Detail = "Try again in a moment." };
            httpContext.Response.Headers.RetryAfter = "1";
        }
        else
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Type = ProblemTypes.Uri(ProblemTypes.Internal) };
        }

        problem.Title = ApiProblems.Describe(ProblemTypes.ForStatus(problem.Status!.Value)).Title;
        httpContext.Response.StatusCode = problem.Status.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static readonly string[] _required = ["This field is required."];

    /// <summary>The fields at fault in a request that could not be read, as a validation problem lists them.</summary>
    private static Dictionary<string, string[]> Describe(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new() { ["body"] = ["The body is larger than 64 KiB."] };
        }

        if (bad.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            var missing = MissingMembers().Match(json.Message);
            if (missing.Success)
            {
                return missing.Groups[1].Captures.ToDictionary(c => FieldPath(field, c.Value), _ => _required);
            }

            if (DuplicateMember().IsMatch(json.Message))
            {
                return new() { [field] = ["This field is given more than once."] };
            }

            var unknown = UnknownMember().Match(json.Message);
            return unknown.Success
                ? new() { [FieldPath(field, unknown.Groups[1].Value)] = ["This field is not part of the request."] }
                : new() { [field] = ["This value is not valid here (wrong type or malformed JSON)."] };
        }

        var parameter = ParameterName().Match(bad.Message);
        return parameter.Success
            ? new() { [parameter.Groups[1].Value] = [bad.Message.Contains("from \"", StringComparison.Ordinal) ? "This value is not valid." : "This value is required."] }
            : new() { ["body"] = [bad.Message] };
    }

    private static string FieldPath(string path, string member) =>
        path.EndsWith(member, StringComparison.Ordinal) ? path : path == "body" ? member : $"{path}.{member}";

    // "JSON deserialization for type '...' was missing required properties including: 'until', 'x'."
    [GeneratedRegex("missing required properties[^:]*:(?:,? ?'([^']+)')+")]
    private static partial Regex MissingMembers();

    // "The JSON property 'foo' could not be mapped to any .NET member contained in type ..."
    [GeneratedRegex("JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnknownMember();

    // "Duplicate property 'message' encountered during deserialization of type ..."
    [GeneratedRegex("^Duplicate property '[^']+' encountered")]
    private static partial Regex DuplicateMember();

    // "Failed to bind parameter "Guid listingId" from "abc"." / "Required parameter "int limit" was not provided ..."
    [GeneratedRegex("parameter \"(?:[^\" ]+ )?([A-Za-z0-9_]+)\"")]
    private static partial Regex ParameterName();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} could not reach the cluster or the database")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
