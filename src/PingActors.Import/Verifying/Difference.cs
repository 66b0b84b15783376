namespace PingActors.Import.Verifying;

/// <summary>One way PingActors differs from what the source says it should hold.</summary>
/// <param name="Check">Which comparison found it: <c>counts</c>, <c>chats</c>, <c>allowance</c>, <c>pings</c>, ...</param>
/// <param name="Key">What differs: a status, a chat, a user, a row's key.</param>
public sealed record Difference(string Check, string Key, string Expected, string Found);
