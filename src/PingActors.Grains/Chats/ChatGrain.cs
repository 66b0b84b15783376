using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;
using PingActors.History;
using PingActors.Owners;
using PingActors.Pings;
using PingActors.Platform;
using PingActors.References;
using PingActors.Storage;
using PingActors.Text;
using PingActors.Users;

namespace PingActors.Chats;

/// <summary>
/// One chat. Its turns are the order of its messages: seq is assigned here and written (with the ping, the
/// chat row and the events of the same turn) through the silo's group commit before anyone hears of it.
/// A chat is born with its first ping, usually opened by the sender's grain through <see cref="ChatOpener"/>
/// without activating this grain; from then on this grain owns it. So it loads the chat on first use, and while the
/// chat does not exist it looks again on every call instead of remembering that it does not (the chat may be opened
/// elsewhere at any moment). Its read cursors are part of its row, so marking it read is a history write too, with
/// the <c>chat.read</c> receipt the other participant's stream carries. The rules live in <see cref="ChatModel"/>;
/// this class loads, writes and answers.
/// </summary>
[GrainType("chat")]
public sealed class ChatGrain(
    ChatLoader loader,
    ChatOpener opener,
    HistoryWriter writer,
    ChatQueries chatQueries,
    PingQueries pingQueries,
    [FromKeyedServices(StorageNames.Chats)] IGrainStorage legacyCursors,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IChatGrain
{
    private const int MaxPage = 100;

    private ChatModel? _model;
    private RecentClientMessages? _recent;

    private Guid Id => this.GetPrimaryKey();

    public async Task<OpenPingResult> OpenPingAsync(OpenPing ping)
    {
        var model = await ModelAsync();
        if (model.Chat is null)
        {
            if (await opener.TryCreateAsync(Id, ping) is { } created)
            {
                _model = new ChatModel(Id, created.Chat, created.NewPing);
                return new OpenPingResult(OpenPingOutcome.Opened, created.NewPing!.ToPing(ping.At));
            }

            // Someone opened the chat first: decide on it as it now stands.
            model = await ModelAsync();
        }

        var decision = model.OpenPing(ping);
        try
        {
            await CommitAsync(decision.Write);
        }
        catch (PostgresException ex) when (IsPingIdTaken(ex))
        {
            // A retry of a ping this chat stored before it moved on to a newer one: answer with the first.
            return await pingQueries.GetAsync(ping.PingId) is { } first && first.ChatId == Id
                ? new OpenPingResult(OpenPingOutcome.AlreadyOpened, first.ToPing(ping.At))
                : throw new ArgumentException($"Ping {ping.PingId} was already sent for another listing.", nameof(ping));
        }

        return new OpenPingResult(decision.Outcome, decision.Ping!.ToPing(ping.At));
    }

    public async Task<Chat?> GetAsync(string viewer)
    {
        var model = await ModelAsync();
        return model.IsParticipant(viewer) ? model.View(viewer) : null;
    }

    public async Task<PostMessageResult> PostMessageAsync(string author, string text, string? clientMessageId)
    {
        var model = await ModelAsync();
        if (!model.IsParticipant(author))
        {
            return new PostMessageResult(PostMessageOutcome.NotFound, null);
        }

        if (!TextRules.TryNormalizeMessage(text, out var body)
            || (clientMessageId is not null && !TextRules.IsValidClientMessageId(clientMessageId)))
        {
            return new PostMessageResult(PostMessageOutcome.InvalidMessage, null);
        }

        if (clientMessageId is not null && _recent?.Find(author, clientMessageId) is { } recent)
        {
            return new PostMessageResult(PostMessageOutcome.Replayed, recent);
        }

        var decision = model.PostMessage(author, body, clientMessageId, clock.GetUtcNow());
        try
        {
            await CommitAsync(decision.Write);
        }
        catch (PostgresException ex) when (IsClientMessageIdConflict(ex))
        {
            // Posted before this activation remembered it: answer with the first message.
            var first = await chatQueries.FindByClientMessageIdAsync(Id, author, clientMessageId!)
                ?? throw new InvalidOperationException("A client message id conflicted but its message is gone.", ex);
            return new PostMessageResult(PostMessageOutcome.Replayed, first);
        }

        var message = decision.Message!.ToMessage();
        if (clientMessageId is not null)
        {
            (_recent ??= new RecentClientMessages()).Remember(author, clientMessageId, message);
        }

        return new PostMessageResult(PostMessageOutcome.Posted, message);
    }

    public async Task<IReadOnlyList<ChatMessage>?> GetMessagesAsync(string viewer, long afterSeq, int limit) =>
        (await ModelAsync()).IsParticipant(viewer)
            ? await chatQueries.GetMessagesAsync(Id, Math.Max(0, afterSeq), Math.Clamp(limit, 1, MaxPage))
            : null;

    public async Task<MarkReadResult> MarkReadAsync(string viewer, long seq)
    {
        var model = await ModelAsync();
        var decision = model.MarkRead(viewer, seq, clock.GetUtcNow());
        await CommitAsync(decision.Write);
        return decision.Outcome == MarkReadOutcome.Done
            ? new MarkReadResult(MarkReadOutcome.Done, model.ReadReceipt(viewer))
            : new MarkReadResult(decision.Outcome, null);
    }

    public async Task<Ping?> GetPingAsync(string viewer, Guid pingId) =>
        (await ModelAsync()).IsParticipant(viewer) && await FindPingAsync(pingId) is { } ping ? ping.ToPing(clock.GetUtcNow()) : null;

    public async Task<PingActionResult> RespondAsync(string responder, Guid pingId, string message)
    {
        var model = await ModelAsync();
        if (!TextRules.TryNormalizeMessage(message, out var body))
        {
            return model.Chat?.Owner == responder
                ? new PingActionResult(PingActionOutcome.InvalidMessage, null)
                : new PingActionResult(PingActionOutcome.NotFound, null);
        }

        var now = clock.GetUtcNow();
        return await ActAsync(model.Respond(responder, await FindPingAsync(pingId), body, now), now);
    }

    public async Task<PingActionResult> DeclineAsync(string responder, Guid pingId)
    {
        var model = await ModelAsync();
        var now = clock.GetUtcNow();
        return await ActAsync(model.Decline(responder, await FindPingAsync(pingId), now), now);
    }

    public async Task<PingActionResult> WithdrawAsync(string sender, Guid pingId)
    {
        var model = await ModelAsync();
        var now = clock.GetUtcNow();
        return await ActAsync(model.Withdraw(sender, await FindPingAsync(pingId), now), now);
    }

    public async Task<bool> ExpireDueAsync()
    {
        var decision = (await ModelAsync()).ExpireDue(clock.GetUtcNow());
        await CommitAsync(decision.Write);
        return decision.Outcome;
    }

    private async Task<PingActionResult> ActAsync(ChatDecision<PingActionOutcome> decision, DateTimeOffset now)
    {
        await CommitAsync(decision.Write);
        return new PingActionResult(decision.Outcome, decision.Ping?.ToPing(now));
    }

    /// <summary>
    /// The chat as it stands; loaded on first use, and again on every call while it does not exist. A chat whose
    /// read cursors predate their column gets them from grain storage first, so no write of its row can lose them.
    /// </summary>
    private async ValueTask<ChatModel> ModelAsync()
    {
        if (_model?.Chat is null)
        {
            var snapshot = await loader.LoadAsync(Id);
            var model = new ChatModel(Id, snapshot?.Chat, snapshot?.LatestPing);
            if (snapshot?.Chat.LegacyCursors == true)
            {
                model.FoldInLegacyCursors(await LegacyGrainState.ReadAsync<ChatState>(legacyCursors, "chat", this.GetGrainId()));
            }

            _model = model;
        }

        return _model;
    }

    /// <summary>The latest ping from memory; an older one (never pending any more) from the table.</summary>
    private async Task<PingRow?> FindPingAsync(Guid pingId)
    {
        var model = await ModelAsync();
        if (model.LatestPing?.PingId == pingId)
        {
            return model.LatestPing;
        }

        return model.Chat is not null && await pingQueries.GetAsync(pingId) is { } row && row.ChatId == Id ? row : null;
    }

    /// <summary>Writes a turn's rows and only then applies them to the model.</summary>
    private async Task CommitAsync(ChatWrite? write)
    {
        if (write is null)
        {
            return;
        }

        try
        {
            await writer.WriteAsync(write);
        }
        catch (Exception ex) when (!IsClientMessageIdConflict(ex) && !IsPingIdTaken(ex))
        {
            // The write may have failed because this activation's view is stale, or may even have committed
            // (an unknown outcome): the next activation reloads the truth.
            DeactivateOnIdle();
            throw;
        }

        _model!.Apply(write);
        if (write.ClosedPing is { } closed)
        {
            // The limits of both parties count pending pings and what became of them (one-way: nobody waits).
            var at = closed.ClosedAt ?? closed.ExpiresAt;
            await GrainFactory.Reference<IUserGrain>(closed.Sender).PingClosedAsync(closed.PingId, closed.Status, at);
            await GrainFactory.Reference<IOwnerGrain>(closed.Receiver).PingClosedAsync(closed.PingId, closed.Status, at);
        }
    }

    private static bool IsPingIdTaken(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pk_pings" };

    private static bool IsClientMessageIdConflict(Exception ex) =>
        ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "ux_messages_client_message_id" };
}
