namespace PingActors.Benchmarks.Reporting;

/// <summary>
/// Where one ping's time goes at one client, as medians in milliseconds: the ping end to end; the same sender's
/// allowance read the same way in (the way in and a grain call, without the write; null for the designs); and,
/// measured inside the silo, the wait for the history write and the batch's statement within it.
/// </summary>
internal sealed record LatencyRow(string System, double PingP50, double? ReadP50, double? WriteWaitP50, double? CommitP50, long Pings)
{
    /// <summary>The ping's median when its sender has pinged before (for PingActors: the sender's grain is active).</summary>
    public double ActiveSenderPingP50 { get; init; }

    /// <summary>The pings admitted in that round.</summary>
    public long ActiveSenderPings { get; init; }

    /// <summary>The wait for the history write in that round (null for the designs).</summary>
    public double? ActiveSenderWriteWaitP50 { get; init; }

    /// <summary>The batch's statement in that round (null for the designs).</summary>
    public double? ActiveSenderCommitP50 { get; init; }

    /// <summary>In the first round, the median read of a batch of activating senders' pings (null for the designs, or if none activated).</summary>
    public double? SenderLoadP50 { get; init; }

    /// <summary>How many such reads the first round made: about one a ping when most senders are new to the node.</summary>
    public int SenderLoads { get; init; }
}
