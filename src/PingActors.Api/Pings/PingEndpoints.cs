using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PingActors.Api.Auth;
using PingActors.Api.Idempotency;
using PingActors.Api.Problems;
using PingActors.Api.Resilience;
using PingActors.Chats;
using PingActors.Insights;
using PingActors.Pings;
using PingActors.Platform;
using PingActors.References;
using PingActors.Users;

namespace PingActors.Api.Pings;

public static class PingEndpoints
{
    public static IEndpointRouteBuilder MapPingEndpoints(this IEndpointRouteBuilder v1)
    {
        var pings = v1.MapGroup("/pings").WithTags("Pings");
        pings.MapPost("/", SendAsync).WithName("SendPing").WithRateLimitHeaders().WithIdempotency().ProducesProblems(PingProblems.Refusals);
        pings.MapPost("/batch", SendBatchAsync).WithName("SendPingBatch").WithRateLimitHeaders().WithIdempotency(required: true)
            .ProducesItemProblems([ProblemTypes.Validation, .. PingProblems.Refusals]);
        pings.MapGet("/", ListAsync).WithName("ListPings");
        pings.MapGet("/{pingId}", GetAsync).WithName("GetPing").ProducesProblems(ProblemTypes.NotFound);
        pings.MapPost("/{pingId}/respond", RespondAsync).WithName("RespondToPing").ProducesProblems(ProblemTypes.NotFound, ProblemTypes.PingNotPending, ProblemTypes.InvalidMessage);
        pings.MapPost("/{pingId}/decline", DeclineAsync).WithName("DeclinePing").ProducesProblems(ProblemTypes.NotFound, ProblemTypes.PingNotPending);
        pings.MapPost("/{pingId}/withdraw", WithdrawAsync).WithName("WithdrawPing").ProducesProblems(ProblemTypes.NotFound, ProblemTypes.PingNotPending);
        return v1;
    }

    /// <summary>Sends a ping: opens (or reuses) the chat for the listing and posts the ping as its first message.</summary>
    private static async Task<Results<Created<SentPing>, ProblemHttpResult, ValidationProblem>> SendAsync(
        SendPingRequest request,
        ClaimsPrincipal user,
        HttpContext http,
        IGrainFactory grains,
        GrainCalls calls,
        OwnerSummaryCache owners,
        [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
        ILogger<PingLog> logger)
    {
        if (request.Validate() is { Count: > 0 } errors)
        {
            return ApiProblems.Validation(errors);
        }

        var sender = user.Username();
        var send = new SendPing(RequestIdentity.Of(http), request.ListingId!.Value, request.Message!);
        var result = await calls.RunAsync(() => grains.Reference<IUserGrain>(sender).SendPingAsync(send), http.RequestAborted);
        RateLimitHeaders.Remember(http, result.Allowance, result.Limit, result.RetryAt);
        if (result.Outcome == SendPingOutcome.Sent)
        {
            var ping = result.Ping!;
            PingLog.Sent(logger, ping.PingId, sender, ping.ListingId, ping.ChatId);
            return TypedResults.Created($"/v1/pings/{ping.PingId}", SentPing.From(ping, result.Allowance, owners.TryGet(ping.Receiver)));
        }

        PingLog.Refused(logger, send.PingId, sender, send.ListingId, result.Outcome);
        var (problem, retryAfter) = PingProblems.For(result, clock.GetUtcNow());
        if (retryAfter is not null)
        {
            http.Response.Headers.RetryAfter = retryAfter;
        }

        return TypedResults.Problem(problem);
    }

    /// <summary>Sends up to 50 pings in order, each with the status it would get alone. Needs an Idempotency-Key.</summary>
    private static async Task<Results<Ok<BatchResult>, ValidationProblem>> SendBatchAsync(
        SendPingBatchRequest request,
        ClaimsPrincipal user,
        HttpContext http,
        IGrainFactory grains,
        GrainCalls calls,
        OwnerSummaryCache owners,
        [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
        ILogger<PingLog> logger)
    {
        if (request.Items is not { Count: > 0 and <= SendPingBatchRequest.MaxItems } items)
        {
            return ApiProblems.Validation("items", $"Send 1 to {SendPingBatchRequest.MaxItems} items.");
        }

        var sender = user.Username();
        var requestId = RequestIdentity.Of(http);
        var results = new BatchItemResult?[items.Count];
        var sends = new List<(int Index, SendPing Send)>();
        for (var i = 0; i < items.Count; i++)
        {
            var errors = items[i]?.Validate() ?? new() { ["body"] = ["An item is required."] };
            if (errors.Count > 0)
            {
                var invalid = new HttpValidationProblemDetails(errors)
                {
                    Type = ProblemTypes.Uri(ProblemTypes.Validation),
                    Status = StatusCodes.Status400BadRequest,
                    Title = ApiProblems.Describe(ProblemTypes.Validation).Title,
                };
                results[i] = new BatchItemResult(i, StatusCodes.Status400BadRequest, null, invalid);
            }
            else
            {
                sends.Add((i, new SendPing(RequestIdentity.Derive(requestId, i), items[i].ListingId!.Value, items[i].Message!)));
            }
        }

        var senderGrain = grains.Reference<IUserGrain>(sender);
        var sent = sends.Count == 0 ? [] : await calls.RunAsync(() => senderGrain.SendPingsAsync([.. sends.Select(s => s.Send)]), http.RequestAborted);
        var now = clock.GetUtcNow();
        for (var j = 0; j < sent.Count; j++)
        {
            var (index, send) = sends[j];
            var result = sent[j];
            if (result.Outcome == SendPingOutcome.Sent)
            {
                PingLog.Sent(logger, result.Ping!.PingId, sender, result.Ping.ListingId, result.Ping.ChatId);
                results[index] = new BatchItemResult(index, StatusCodes.Status201Created, result.Ping, null, owners.TryGet(result.Ping.Receiver));
            }
            else
            {
                PingLog.Refused(logger, send.PingId, sender, send.ListingId, result.Outcome);
                var (problem, _) = PingProblems.For(result, now);
                results[index] = new BatchItemResult(index, problem.Status!.Value, null, problem);
            }
        }

        if (!sent.Any(result => result.Outcome == SendPingOutcome.Sent))
        {
            IdempotentAttempt.NothingChanged(http);
        }

        var allowance = sent.Count > 0 ? sent[^1].Allowance : await calls.RunAsync(senderGrain.GetAllowanceAsync, http.RequestAborted);
        RateLimitHeaders.Remember(http, allowance);
        return TypedResults.Ok(new BatchResult([.. results.Select(r => r!)], Quota.From(allowance)));
    }

    /// <summary>Lists the caller's sent or received pings, newest first.</summary>
    private static async Task<Results<Ok<PingList>, ValidationProblem>> ListAsync(
        [AsParameters] PingListParameters parameters, ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls)
    {
        if (!parameters.TryParse(out var query, out var errors))
        {
            return ApiProblems.Validation(errors);
        }

        var page = await calls.RunAsync(() => grains.Reference<IPingQueryGrain>(0).ListAsync(user.Username(), query));
        return TypedResults.Ok(new PingList(page.Items, page.Next?.ToString()));
    }

    /// <summary>Reads a ping. Only its sender and its receiver can see it.</summary>
    private static async Task<Results<Ok<Ping>, ProblemHttpResult>> GetAsync(Guid pingId, ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls) =>
        await calls.RunAsync(() => grains.Reference<IPingQueryGrain>(0).GetAsync(user.Username(), pingId)) is { } ping
            ? TypedResults.Ok(ping)
            : ApiProblems.Create(ProblemTypes.NotFound, "No such ping.");

    /// <summary>The receiver answers a pending ping; the answer goes into the chat.</summary>
    private static async Task<Results<Ok<Ping>, ProblemHttpResult, ValidationProblem>> RespondAsync(
        Guid pingId, RespondRequest request, ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls, ILogger<PingLog> logger)
    {
        if (request.Message is null)
        {
            return ApiProblems.Validation("message", "A message is required.");
        }

        return await ActAsync(pingId, user, grains, calls, logger, "responded", (chat, actor) => chat.RespondAsync(actor, pingId, request.Message), InvalidReply);
    }

    /// <summary>The receiver declines a pending ping.</summary>
    private static Task<Results<Ok<Ping>, ProblemHttpResult, ValidationProblem>> DeclineAsync(
        Guid pingId, ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls, ILogger<PingLog> logger) =>
        ActAsync(pingId, user, grains, calls, logger, "declined", (chat, actor) => chat.DeclineAsync(actor, pingId));

    /// <summary>The sender takes back a pending ping.</summary>
    private static Task<Results<Ok<Ping>, ProblemHttpResult, ValidationProblem>> WithdrawAsync(
        Guid pingId, ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls, ILogger<PingLog> logger) =>
        ActAsync(pingId, user, grains, calls, logger, "withdrawn", (chat, actor) => chat.WithdrawAsync(actor, pingId));

    /// <summary>Only a reply carries a message, so only a reply can be refused for it.</summary>
    private static ValidationProblem InvalidReply() => ApiProblems.Validation("message", PingProblems.InvalidMessage, ProblemTypes.InvalidMessage);

    private static async Task<Results<Ok<Ping>, ProblemHttpResult, ValidationProblem>> ActAsync(
        Guid pingId, ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls, ILogger logger, string action, Func<IChatGrain, string, Task<PingActionResult>> act,
        Func<ValidationProblem>? invalidMessage = null)
    {
        var actor = user.Username();
        if (await calls.RunAsync(() => grains.Reference<IPingQueryGrain>(0).GetAsync(actor, pingId)) is not { } ping)
        {
            return ApiProblems.Create(ProblemTypes.NotFound, "No such ping.");
        }

        var result = await act(grains.Reference<IChatGrain>(ping.ChatId), actor);
        switch (result.Outcome)
        {
            case PingActionOutcome.Done:
                PingLog.Acted(logger, pingId, ping.ChatId, action, actor);
                return TypedResults.Ok(result.Ping!);
            case PingActionOutcome.NotPending:
                return ApiProblems.Create(ProblemTypes.PingNotPending, $"The ping is {result.Ping!.Status.ToString().ToLowerInvariant()}.",
                    new Dictionary<string, object?> { ["pingId"] = pingId, ["pingStatus"] = result.Ping.Status });
            case PingActionOutcome.InvalidMessage when invalidMessage is not null:
                return invalidMessage();
            default:
                return ApiProblems.Create(ProblemTypes.NotFound, "No such ping.");
        }
    }
}
