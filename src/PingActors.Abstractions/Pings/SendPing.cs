namespace PingActors.Pings;

/// <summary>A request to ping the owner of a listing.</summary>
/// <param name="PingId">
/// The new ping's id, chosen by the caller. Sending the same id again (a retry after a lost answer) returns
/// the ping that id already created instead of creating another.
/// </param>
/// <param name="ListingId">The listing to ping about.</param>
/// <param name="Message">The ping's text: 1 to 1,000 characters once trimmed.</param>
[GenerateSerializer, Immutable, Alias("pingactors.send-ping")]
public sealed record SendPing(Guid PingId, Guid ListingId, string Message);
