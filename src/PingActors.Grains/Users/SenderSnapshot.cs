namespace PingActors.Users;

/// <summary>What a sender's grain loads when it activates.</summary>
/// <param name="Yesterday">The pings of the day before today: a send retried across midnight is answered, not sent again.</param>
/// <param name="Today">Today's pings: their count is what the allowance spends.</param>
/// <param name="Limits">What an admin set for them (<c>user_limits</c>).</param>
/// <param name="LegacyLimits">Their limits are still in grain storage, where they were set before <c>user_limits</c> existed.</param>
internal sealed record SenderSnapshot(AllowanceLedger Yesterday, AllowanceLedger Today, UserLimits Limits, bool LegacyLimits);
