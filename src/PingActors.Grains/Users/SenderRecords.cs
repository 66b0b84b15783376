using PingActors.Limits;

namespace PingActors.Users;

/// <summary>What a sender's grain loads when it activates.</summary>
internal sealed record SenderRecords(AllowanceLedger Yesterday, AllowanceLedger Today, List<SentPingRecord> Recent);
