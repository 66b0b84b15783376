using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PingActors.Api.Auth;
using PingActors.Api.Idempotency;
using PingActors.Api.Problems;
using PingActors.Api.Resilience;
using PingActors.Chats;
using PingActors.Paging;
using PingActors.References;
using PingActors.Text;

namespace PingActors.Api.Chats;

/// <summary>A message to post.</summary>
/// <param name="Text">1 to 1,000 characters once trimmed.</param>
/// <param name="ClientMessageId">The client's own id for the message; posting it again returns the first message.</param>
public sealed record PostMessageRequest(string? Text, string? ClientMessageId) : IRequestBody;

/// <summary>How far the caller has read.</summary>
/// <param name="Seq">The seq of the last message read.</param>
public sealed record MarkReadRequest(long? Seq) : IRequestBody;

/// <summary>A page of chats, latest activity first.</summary>
public sealed record ChatList(IReadOnlyList<Chat> Items, string? NextCursor);

/// <summary>Messages in seq order.</summary>
public sealed record MessageList(IReadOnlyList<ChatMessage> Items);

public static class ChatEndpoints
{
    public static IEndpointRouteBuilder MapChatEndpoints(this IEndpointRouteBuilder v1)
    {
        var chats = v1.MapGroup("/chats").WithTags("Chats");
        chats.MapGet("/", ListAsync).WithName("ListChats");
        chats.MapGet("/{chatId}", GetAsync).WithName("GetChat").ProducesProblems(ProblemTypes.NotFound);
        chats.MapGet("/{chatId}/messages", GetMessagesAsync).WithName("GetMessages").ProducesProblems(ProblemTypes.NotFound);
        chats.MapPost("/{chatId}/messages", PostMessageAsync).WithName("PostMessage").ProducesProblems(ProblemTypes.NotFound, ProblemTypes.InvalidMessage);
        chats.MapPost("/{chatId}/read", MarkReadAsync).WithName("MarkRead").ProducesProblems(ProblemTypes.NotFound);
        return v1;
    }

    /// <summary>Lists the caller's chats by latest activity, with unread counts.</summary>
    private static async Task<Results<Ok<ChatList>, ValidationProblem>> ListAsync(int? limit, string? cursor, ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls)
    {
        var errors = new Dictionary<string, string[]>();
        var size = limit ?? 20;
        if (size is < 1 or > 100)
        {
            errors["limit"] = ["limit is 1 to 100."];
        }

        PageCursor? after = null;
        if (cursor is not null && !PageCursor.TryParse(cursor, out after))
        {
            errors["cursor"] = ["This cursor did not come from this list."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var page = await calls.RunAsync(() => grains.Reference<IChatQueryGrain>(0).ListAsync(user.Username(), size, after));
        return TypedResults.Ok(new ChatList(page.Items, page.Next?.ToString()));
    }

    /// <summary>Reads a chat. Only its participants can see it.</summary>
    private static async Task<Results<Ok<Chat>, ProblemHttpResult>> GetAsync(Guid chatId, ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls) =>
        await calls.RunAsync(() => grains.Reference<IChatGrain>(chatId).GetAsync(user.Username())) is { } chat
            ? TypedResults.Ok(chat)
            : NoSuchChat();

    /// <summary>Reads the messages after <c>afterSeq</c>, in seq order.</summary>
    private static async Task<Results<Ok<MessageList>, ProblemHttpResult, ValidationProblem>> GetMessagesAsync(
        Guid chatId, long? afterSeq, int? limit, ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls)
    {
        var errors = new Dictionary<string, string[]>();
        if (afterSeq < 0)
        {
            errors["afterSeq"] = ["afterSeq is 0 or more."];
        }

        if (limit is < 1 or > 100)
        {
            errors["limit"] = ["limit is 1 to 100."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var messages = await calls.RunAsync(() => grains.Reference<IChatGrain>(chatId).GetMessagesAsync(user.Username(), afterSeq ?? 0, limit ?? 50));
        return messages is null ? NoSuchChat() : TypedResults.Ok(new MessageList(messages));
    }

    /// <summary>Posts a message (201); a repeated clientMessageId returns the first message (200).</summary>
    private static async Task<Results<Created<ChatMessage>, Ok<ChatMessage>, ProblemHttpResult, ValidationProblem>> PostMessageAsync(
        Guid chatId, PostMessageRequest request, ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls)
    {
        if (request.Text is null)
        {
            return ApiProblems.Validation("text", "A text is required.");
        }

        if (request.ClientMessageId is not null && !TextRules.IsValidClientMessageId(request.ClientMessageId))
        {
            return ApiProblems.Validation("clientMessageId", "A clientMessageId is 1 to 64 of A-Z, a-z, 0-9, '.', '_', ':', '-'.");
        }

        // Only a post with a client message id can be repeated safely; without one, a lost answer is the caller's to resolve.
        var post = () => grains.Reference<IChatGrain>(chatId).PostMessageAsync(user.Username(), request.Text, request.ClientMessageId);
        var result = request.ClientMessageId is null ? await post() : await calls.RunAsync(post);
        return result.Outcome switch
        {
            PostMessageOutcome.Posted => TypedResults.Created($"/v1/chats/{chatId}/messages?afterSeq={result.Message!.Seq - 1}&limit=1", result.Message),
            PostMessageOutcome.Replayed => TypedResults.Ok(result.Message!),
            PostMessageOutcome.InvalidMessage => ApiProblems.Validation("text", $"A text is {TextRules.MessageRule}.", ProblemTypes.InvalidMessage),
            _ => NoSuchChat(),
        };
    }

    /// <summary>Moves the caller's read cursor forward (it never moves back).</summary>
    private static async Task<Results<Ok<ReadReceipt>, ProblemHttpResult, ValidationProblem>> MarkReadAsync(
        Guid chatId, MarkReadRequest request, ClaimsPrincipal user, IGrainFactory grains, GrainCalls calls)
    {
        if (request.Seq is not { } seq)
        {
            return ApiProblems.Validation("seq", "A seq is required.");
        }

        var result = await calls.RunAsync(() => grains.Reference<IChatGrain>(chatId).MarkReadAsync(user.Username(), seq));
        return result.Outcome switch
        {
            MarkReadOutcome.Done => TypedResults.Ok(result.Receipt!),
            MarkReadOutcome.SeqOutOfRange => ApiProblems.Validation("seq", "seq is between 0 and the chat's last seq."),
            _ => NoSuchChat(),
        };
    }

    private static ProblemHttpResult NoSuchChat() => ApiProblems.Create(ProblemTypes.NotFound, "No such chat.");
}
