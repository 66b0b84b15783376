namespace PingActors.Api.Notifications;

/// <summary>The data of a <c>resync</c> item: why the stream could not resume where the client asked.</summary>
/// <param name="Reason"><c>retention</c> (the events after that position were pruned) or <c>unknown-position</c>.</param>
public sealed record StreamResync(string Reason)
{
    public const string Retention = "retention";
    public const string UnknownPosition = "unknown-position";
}
