using PingActors.Limits;

namespace PingActors.Users;

/// <summary>What a sender's grain loads when it activates.</summary>
/// <param name="Limits">What an admin set for them, and their tier (<c>user_limits</c>).</param>
/// <param name="LegacyLimits">Their limits are still in grain storage, where they were set before <c>user_limits</c> existed.</param>
internal sealed record SenderRecords(
    AllowanceLedger Yesterday,
    AllowanceLedger Today,
    List<SentPingRecord> Recent,
    UserLimits Limits,
    bool LegacyLimits);
