namespace PingActors.Chats;

/// <summary>The result of posting a message.</summary>
/// <param name="Outcome">Posted, replayed, or why not.</param>
/// <param name="Message">The message, when posted or replayed.</param>
[GenerateSerializer, Immutable, Alias("pingactors.post-message-result")]
public sealed record PostMessageResult(PostMessageOutcome Outcome, ChatMessage? Message);
