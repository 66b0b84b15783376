namespace PingActors.Api.Idempotency;

/// <summary>Runs a result into a buffer, hands over what it wrote (so it can be stored for replay), then sends it.</summary>
internal sealed class CapturedResult(IResult inner, Func<StoredResponse, Task> captured) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var body = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await inner.ExecuteAsync(httpContext);
        }
        finally
        {
            response.Body = body;
        }

        await captured(new StoredResponse(
            response.StatusCode,
            response.ContentType ?? "application/json",
            buffer.ToArray(),
            response.Headers.Location.FirstOrDefault(),
            response.Headers.RetryAfter.FirstOrDefault()));
        buffer.Position = 0;
        await buffer.CopyToAsync(body, httpContext.RequestAborted);
    }
}
