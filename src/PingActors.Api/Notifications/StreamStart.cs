using PingActors.Notifications;

namespace PingActors.Api.Notifications;

/// <summary>Where a new connection starts, decided from the outbox before its response begins.</summary>
/// <param name="After">The position the replay continues after.</param>
/// <param name="Today">The allowance day now.</param>
/// <param name="Fresh">No position was given: the stream starts at the clock, and says so with a cursor.</param>
/// <param name="Resync">Why the stream cannot resume where asked (it starts at the clock instead); <see langword="null"/> if it can.</param>
/// <param name="ResetPassed">The allowance reset since the given position: the stream starts with a <c>limits.changed</c>.</param>
/// <param name="FirstPage">The first page of the replay.</param>
internal sealed record StreamStart(long After, DateOnly Today, bool Fresh, string? Resync, bool ResetPassed, StreamPage FirstPage);
