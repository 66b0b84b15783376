using System.Text;
using static System.FormattableString;

namespace PingActors.Benchmarks.Reporting;

/// <summary>The report's section on where a ping's time goes at one client.</summary>
internal static class LatencySection
{
    public static void Append(StringBuilder md, BenchmarkReport report)
    {
        md.AppendLine();
        md.AppendLine("## Where a ping's time goes at one client");
        md.AppendLine();
        md.AppendLine("Medians at 1 client, in milliseconds. *Read*: the same sender reads their allowance the same way in (`GET /v1/me/limits`, or the grain call "
            + "through the Orleans client): the way in and one grain call, no write. *Write wait*: inside the silo, from queueing a ping's history write to its "
            + "commit being known; *statement*: the batch's one statement within it, commit included. What is left of a ping is its grain work "
            + "(the listing's grain is asked, the limits checked) and the hops between threads. The senders of those rounds are drawn from all the users; "
            + "with PingActors, one new to the node first has their grain activated, which reads their pings (the throughput measure, when it ran before, "
            + "has activated them all, as the seed's limits are warm for every sender from the start). *Sender who pinged before*: the same, "
            + "with senders drawn from a few who have pinged already (for PingActors, senders whose grain is active). *Senders activated*: the batches of "
            + "activating senders that read their pings during the first round, against its pings; *an activation's read*: such a batch's median time "
            + "(`pingactors.activation.load_duration`), part of the rest of the ping.");
        md.AppendLine();
        md.AppendLine("| system | ping | read | senders activated | an activation's read | write wait | of it, the statement | rest of the ping | sender who pinged before: ping | write wait | of it, the statement |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in report.Latency)
        {
            var rest = row is { ReadP50: { } read, WriteWaitP50: { } wait } ? row.PingP50 - read - wait : (double?)null;
            md.AppendLine(Invariant($"| {row.System} | {row.PingP50:0.00} | {Cell(row.ReadP50)} | {(row.ReadP50 is null ? "—" : Invariant($"{row.SenderLoads:N0} of {row.Pings:N0}"))} | {Cell(row.SenderLoadP50)} | {Cell(row.WriteWaitP50)} | {Cell(row.CommitP50)} | {Cell(rest)} | ")
                + Invariant($"{row.ActiveSenderPingP50:0.00} | {Cell(row.ActiveSenderWriteWaitP50)} | {Cell(row.ActiveSenderCommitP50)} |"));
        }
    }

    private static string Cell(double? value) => value is { } v ? Invariant($"{v:0.00}") : "—";
}
