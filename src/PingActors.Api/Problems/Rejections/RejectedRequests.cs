using System.IO.Pipelines;

namespace PingActors.Api.Problems.Rejections;

/// <summary>
/// Problem bodies for the requests Kestrel refuses before the application sees them: a request line too long
/// (414), headers too large or too many (431), a request line or header it cannot parse (400), an HTTP version it
/// does not speak (505). Kestrel answers those itself with an empty body and closes the connection, and offers no
/// hook to change the answer, so this connection middleware recognises such an answer on its way out and sends
/// the same status and headers with a problem body instead. It applies to HTTP/1.x in clear text, which is how the
/// API is served (TLS, if any, ends at the proxy in front of it); other traffic passes through untouched.
/// </summary>
public static class RejectedRequests
{
    /// <summary>Adds the middleware to every endpoint Kestrel listens on.</summary>
    public static IWebHostBuilder UseProblemsForRejectedRequests(this IWebHostBuilder web) => web.ConfigureKestrel(kestrel =>
    {
        var problems = new RejectionProblems(kestrel.Limits);
        kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            await using var output = new RejectionRewriter(transport.Output, problems);
            connection.Transport = new Transport(transport.Input, output);
            try
            {
                await next(connection);
            }
            finally
            {
                connection.Transport = transport;
            }
        }));
    });

    private sealed record Transport(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
