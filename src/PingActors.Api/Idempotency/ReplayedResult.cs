namespace PingActors.Api.Idempotency;

/// <summary>Sends a stored answer again, marked as a replay.</summary>
internal sealed class ReplayedResult(StoredResponse stored) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = stored.StatusCode;
        response.ContentType = stored.ContentType;
        response.Headers[IdempotencyFilter.ReplayedHeader] = "true";
        if (stored.Location is not null)
        {
            response.Headers.Location = stored.Location;
        }

        if (stored.RetryAfter is not null)
        {
            response.Headers.RetryAfter = stored.RetryAfter;
        }

        response.ContentLength = stored.Body.Length;
        await response.Body.WriteAsync(stored.Body, httpContext.RequestAborted);
    }
}
