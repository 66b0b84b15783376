namespace PingActors.Notifications;

/// <summary>A user's events after a position, read from the outbox in one snapshot.</summary>
/// <param name="Events">Up to a page of events, in position order.</param>
/// <param name="Clock">The last position handed out in that snapshot: every event at or below it was visible to it.</param>
/// <param name="PrunedThrough">The highest position pruning had deleted.</param>
/// <param name="AfterOccurredAt">When the user's event at the starting position happened; <see langword="null"/> if there is none.</param>
public sealed record StreamPage(IReadOnlyList<StreamEvent> Events, long Clock, long PrunedThrough, DateTimeOffset? AfterOccurredAt);
