using Microsoft.AspNetCore.Mvc;

namespace PingActors.Api.Problems;

public static class StatusCodeProblems
{
    /// <summary>
    /// Gives every bodiless error the framework produces (no route, wrong method, a body over the limit) a
    /// problem body. A body over 64 KiB is bad input like any other, so it is a 400 that names the body.
    /// </summary>
    public static IApplicationBuilder UsePingActorsStatusCodeProblems(this IApplicationBuilder app) => app.UseStatusCodePages(async context =>
    {
        var http = context.HttpContext;
        ProblemDetails problem = http.Response.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["body"] = ["The body is larger than 64 KiB."] }) { Status = StatusCodes.Status400BadRequest }
            : new ProblemDetails { Status = http.Response.StatusCode };
        http.Response.StatusCode = problem.Status!.Value;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    });
}
