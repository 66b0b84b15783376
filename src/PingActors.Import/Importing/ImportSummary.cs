using System.Globalization;
using PingActors.Import.Reporting;
using Spectre.Console;

namespace PingActors.Import.Importing;

/// <summary>What a run did, as a table, and what it left behind, by table and reason.</summary>
public static class ImportSummary
{
    public static void Write(IAnsiConsole console, ImportOutcome outcome, IReadOnlyList<ReportRow> report, string reportPath)
    {
        var counts = outcome.Counts;
        var table = new Table().AddColumns("", "in the source", "inserted", "updated");
        foreach (var name in (string[])["chats", "pings", "messages"])
        {
            table.AddRow(name, Number(counts[$"source.{name}"] + (name == "pings" ? counts["source.pings_optimized"] : 0)),
                Number(counts[$"{name}.inserted"]), Number(counts[$"{name}.updated"]));
        }

        table.AddRow("listings", "", Number(counts["listings.inserted"]), "");
        table.AddRow("user settings", "", Number(counts["users.written"]), "");
        console.MarkupLine(CultureInfo.InvariantCulture, $"Run {outcome.RunId} finished.");
        console.Write(table);
        if (outcome.LeftBehind == 0)
        {
            console.MarkupLine("Every source row came across.");
            return;
        }

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]{outcome.LeftBehind:N0} source rows were left behind[/], listed in {reportPath} and in pingactors_import.report (run {outcome.RunId}):");
        var reasons = new Table().AddColumns("table", "reason", "rows", "for example");
        foreach (var group in report.GroupBy(r => (r.SourceTable, r.Reason)).OrderBy(g => g.Key.SourceTable, StringComparer.Ordinal).ThenBy(g => g.Key.Reason, StringComparer.Ordinal))
        {
            reasons.AddRow(Markup.Escape(group.Key.SourceTable), Markup.Escape(group.Key.Reason), Number(group.Count()), Markup.Escape($"{group.First().SourceKey}: {group.First().Detail}"));
        }

        console.Write(reasons);
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
