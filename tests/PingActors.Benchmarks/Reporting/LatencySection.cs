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
            + "(the listing's grain is asked, the limits checked) and the hops between threads. The senders of those rounds are drawn from all the users, so "
            + "with PingActors most are new to the node and their grain first reads their pings (an activation). *Sender who pinged before*: the same, "
            + "with senders drawn from a few who have pinged already (for PingActors, senders whose grain is active).");
        md.AppendLine();
        md.AppendLine("| system | ping | read | write wait | of it, the statement | rest of the ping | sender who pinged before: ping | write wait | of it, the statement |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in report.Latency)
        {
            var rest = row is { ReadP50: { } read, WriteWaitP50: { } wait } ? row.PingP50 - read - wait : (double?)null;
            md.AppendLine(Invariant($"| {row.System} | {row.PingP50:0.00} | {Cell(row.ReadP50)} | {Cell(row.WriteWaitP50)} | {Cell(row.CommitP50)} | {Cell(rest)} | ")
                + Invariant($"{row.ActiveSenderPingP50:0.00} | {Cell(row.ActiveSenderWriteWaitP50)} | {Cell(row.ActiveSenderCommitP50)} |"));
        }
    }

    private static string Cell(double? value) => value is { } v ? Invariant($"{v:0.00}") : "—";
}
