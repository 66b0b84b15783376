using System.Globalization;
using System.Text;

namespace PingActors.Benchmarks.Simulation;

/// <summary>The simulation's table, for the console, the report and the README.</summary>
internal static class SimulationReport
{
    public static string Table(SimulationPlan plan, IReadOnlyList<SimulationResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{plan.Days} simulated days: {plan.Owners} owners, {plan.GoodSenders} good senders, {plan.Spammers} spammers (seed {plan.Seed})."));
        text.AppendLine();
        text.AppendLine("| policy | pings sent | answered | answer rate | owners' pending p50 | p99 | spam stopped | spam sent | good pings refused | good pings deferred |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            text.AppendLine(Invariant(
                $"| {r.Policy} | {r.Sent:N0} | {r.Answered:N0} | {r.AnswerRate:P1} | {r.OwnerPendingP50} | {r.OwnerPendingP99} | {r.SpamStopped:N0} of {r.SpamAttempts:N0} ({r.SpamStoppedShare:P1}) | {r.SpamSent:N0} | {r.GoodRefused:N0} of {r.GoodAttempts:N0} ({r.GoodRefusedShare:P2}) | {r.GoodDeferred:N0} |"));
        }

        foreach (var r in results.Where(r => r.GoodRefusedBy.Count > 0))
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Good pings the {r.Policy} policy refused, by rule: {string.Join(", ", r.GoodRefusedBy.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:N0}"))}."));
        }

        return text.ToString();
    }

    public static string Write(SimulationPlan plan, IReadOnlyList<SimulationResult> results, string directory, DateTimeOffset at)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Invariant($"limits-simulation-{at:yyyy-MM-dd}.md"));
        var text = new StringBuilder()
            .AppendLine(Invariant($"# Limits simulation, {at:yyyy-MM-dd HH:mm} UTC"))
            .AppendLine()
            .AppendLine(Invariant($"`dotnet run -c Release --project tests/PingActors.Benchmarks -- limits --days {plan.Days} --owners {plan.Owners} --good {plan.GoodSenders} --spammers {plan.Spammers} --seed {plan.Seed}`"))
            .AppendLine()
            .Append(Table(plan, results));
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
