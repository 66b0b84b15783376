namespace PingActors.Chats;

/// <summary>The result of moving a read cursor.</summary>
/// <param name="Outcome">Done, or why not.</param>
/// <param name="Receipt">The read position afterwards, when done.</param>
[GenerateSerializer, Immutable, Alias("pingactors.mark-read-result")]
public sealed record MarkReadResult(MarkReadOutcome Outcome, ReadReceipt? Receipt);
