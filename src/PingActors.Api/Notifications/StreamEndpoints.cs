using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PingActors.Api.Auth;
using PingActors.Api.Problems;
using PingActors.Notifications;
using PingActors.Platform;
using PingActors.Users;

namespace PingActors.Api.Notifications;

public static class StreamEndpoints
{
    public static IEndpointRouteBuilder MapStreamEndpoints(this IEndpointRouteBuilder v1)
    {
        var stream = v1.MapGroup("/stream").WithTags("Stream");
        // A ticket stands in for the bearer token here, so the endpoint checks either itself.
        stream.MapGet("/", StreamAsync).WithName("Stream").AllowAnonymous().ProducesProblems(ProblemTypes.Unauthorized, ProblemTypes.Validation);
        stream.MapPost("/ticket", IssueTicketAsync).WithName("IssueStreamTicket");
        return v1;
    }

    /// <summary>
    /// The caller's notifications as Server-Sent Events, resumed after <c>Last-Event-ID</c> (or <c>lastEventId</c>).
    /// Signed in with a bearer token, or with a single-use <c>ticket</c> from <c>POST /v1/stream/ticket</c>.
    /// </summary>
    private static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult, ValidationProblem>> StreamAsync(
        string? ticket,
        string? lastEventId,
        HttpContext http,
        ClaimsPrincipal user,
        StreamHub hub,
        StreamTickets tickets,
        StreamQueries queries,
        AllowanceCalendar calendar,
        IGrainFactory grains,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        [FromKeyedServices(DomainClock.Key)] TimeProvider clock)
    {
        string? username;
        if (ticket is not null)
        {
            username = await tickets.RedeemAsync(ticket, http.RequestAborted);
            if (username is null)
            {
                return Unauthorized(http, "The ticket is unknown, used or expired: get a new one from POST /v1/stream/ticket.");
            }
        }
        else if (user.Identity?.IsAuthenticated == true)
        {
            username = user.Username();
        }
        else
        {
            return Unauthorized(http, http.Request.Headers.Authorization.Count == 0
                ? "Send Authorization: Bearer <token>, or a ticket from POST /v1/stream/ticket as ?ticket=."
                : "The bearer token is not valid.");
        }

        var resumeAt = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? lastEventId;
        StreamCursor? cursor = null;
        if (resumeAt is not null && !StreamCursor.TryParse(resumeAt, out cursor))
        {
            return ApiProblems.Validation("lastEventId", "Last-Event-ID is an id this stream sent: a position, optionally with ':' and a day (yyyyMMdd).");
        }

        var connection = await hub.OpenAsync(username, http.Abort);
        StreamStart start;
        try
        {
            start = await StartAsync(username, cursor, queries, calendar, clock, http.RequestAborted);
        }
        catch
        {
            hub.Close(connection);
            throw;
        }

        // The result marks the response no-cache itself; this keeps proxies such as nginx from buffering it.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var response = new StreamResponse(hub, connection, start, queries, grains, json.Value.SerializerOptions, clock, http.Response);
        return TypedResults.ServerSentEvents(response.ItemsAsync(http.RequestAborted));
    }

    /// <summary>A single-use ticket for <c>GET /v1/stream?ticket=</c>, valid for 60 seconds, for clients that cannot send a bearer token (a browser's EventSource).</summary>
    private static async Task<Ok<StreamTicket>> IssueTicketAsync(ClaimsPrincipal user, StreamTickets tickets, HttpContext http) =>
        TypedResults.Ok(await tickets.IssueAsync(user.Username(), http.RequestAborted));

    private static ProblemHttpResult Unauthorized(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.Create(ProblemTypes.Unauthorized, detail);
    }

    private static async Task<StreamStart> StartAsync(
        string user, StreamCursor? cursor, StreamQueries queries, AllowanceCalendar calendar, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = calendar.DayOf(now);
        if (cursor is not { } resume)
        {
            var here = await queries.ReadAsync(user, long.MaxValue, 0, now, cancellationToken);
            return new StreamStart(here.Clock, today, Fresh: true, Resync: null, ResetPassed: false, here with { Events = [] });
        }

        var page = await queries.ReadAsync(user, resume.Seq, StreamResponse.PageSize, now, cancellationToken);
        var resync = resume.Seq > page.Clock ? StreamResync.UnknownPosition
            : resume.Seq < page.PrunedThrough ? StreamResync.Retention
            : null;
        if (resync is not null)
        {
            return new StreamStart(page.Clock, today, Fresh: false, resync, ResetPassed: false, page with { Events = [] });
        }

        // The day the client last heard of: in the id, or the day of the event the id names. Unknown: say it reset.
        var day = resume.Day ?? (page.AfterOccurredAt is { } at ? calendar.DayOf(at) : (DateOnly?)null);
        return new StreamStart(resume.Seq, today, Fresh: false, Resync: null, ResetPassed: day is null || day < today, page);
    }
}
