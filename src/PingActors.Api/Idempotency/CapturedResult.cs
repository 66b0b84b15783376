namespace PingActors.Api.Idempotency;

/// <summary>Runs a result into a buffer, settles the idempotency key by what it wrote (so it can be replayed), then sends it.</summary>
internal sealed class CapturedResult(IResult inner, IdempotentAttempt attempt) : IResult
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

        // Settled before the answer goes out, so a repeat that follows it finds the key settled.
        await attempt.SettleAsync(httpContext, new StoredResponse(
            response.StatusCode,
            response.ContentType ?? "application/json",
            buffer.ToArray(),
            response.Headers.Location.FirstOrDefault(),
            response.Headers.RetryAfter.FirstOrDefault()));
        buffer.Position = 0;
        await buffer.CopyToAsync(body, httpContext.RequestAborted);
    }
}
