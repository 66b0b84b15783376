using System.Text;
using static System.FormattableString;

namespace PingActors.Benchmarks.Reporting;

/// <summary>The report's stream section.</summary>
internal static class StreamSection
{
    public static void Append(StringBuilder md, StreamRow row)
    {
        md.AppendLine();
        md.AppendLine("## Stream");
        md.AppendLine();
        md.AppendLine(Invariant($"{row.Rate:N0} pings/s through the Orleans client, {row.Streams:N0} streams open on the API node (HTTP/1.1, one connection each)."));
        md.AppendLine();
        md.AppendLine("| delivery of `ping.received` | p50 ms | p99 ms |");
        md.AppendLine("| --- | ---: | ---: |");
        md.AppendLine(Invariant($"| from the send's start (an upper bound of commit to client) | {row.FromSendP50:N2} | {row.FromSendP99:N2} |"));
        md.AppendLine(Invariant($"| from the send's answer, which follows its commit | {row.FromAnswerP50:N2} | {row.FromAnswerP99:N2} |"));
        md.AppendLine();
        md.AppendLine(Invariant($"Delivered {row.Delivered:N0} of {row.Expected:N0}; streams that ended early: {row.Ended}. Memory per open stream, client and server side together: managed heap {row.HeapPerStream / 1024:N1} KiB, working set {row.WorkingSetPerStream / 1024:N1} KiB."));
        md.AppendLine();
        md.AppendLine("| ping path | pings admitted | p50 ms | p95 ms | p99 ms |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        md.AppendLine(Invariant($"| no stream open | {row.Without.Admitted:N0} | {row.Without.P50:N2} | {row.Without.P95:N2} | {row.Without.P99:N2} |"));
        md.AppendLine(Invariant($"| {row.Streams:N0} streams open | {row.With.Admitted:N0} | {row.With.P50:N2} | {row.With.P95:N2} | {row.With.P99:N2} |"));
    }
}
