using System.Diagnostics;
using System.Globalization;
using Npgsql;
using PingActors.Import.Commands;
using PingActors.Import.Dry;
using PingActors.Import.Importing;
using PingActors.Import.Moving;
using PingActors.Import.Preparing;
using PingActors.Import.Progress;
using PingActors.Import.Reporting;
using PingActors.Import.Staging;
using Spectre.Console;

namespace PingActors.Import.Planning;

/// <summary>
/// <c>--plan</c>: reads the source, says which design it holds and how many rows each table has, how every column
/// maps to PingActors, what an import would do (what it registers, creates, changes, and leaves behind and why,
/// with the same derivation the import uses), and how long it should take, from the time this plan took to read
/// and derive plus a trial move of one chunk into scratch copies of PingActors' tables. It changes nothing.
/// </summary>
public sealed class Planner(ImportEnvironment environment)
{
    public async Task PlanAsync(ImportOptions options, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken)
    {
        await using var source = SourceDatabase.Open(options.From);
        await using var sourceConnection = await source.OpenConnectionAsync(cancellationToken);
        await using var target = await environment.Target.OpenConnectionAsync(cancellationToken);
        var asOf = environment.Clock.GetUtcNow();
        var dry = await DryRun.RunAsync(environment, sourceConnection, target, asOf, new PlainProgress(output, TimeProvider.System), cancellationToken);
        var shape = dry.Shape;

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[bold]{SourceDatabase.Describe(options.From)}[/] holds the {(shape.Design == Sources.Design.Seed ? "seed's design" : "older design (the one the seed replaced)")}.");
        var tables = new Table().AddColumns("source table", "rows");
        foreach (var (table, rows) in dry.SourceRows)
        {
            tables.AddRow(table, Number(rows));
        }

        foreach (var table in shape.NotImported)
        {
            tables.AddRow(table.Name, Number(await CountAsync(sourceConnection, table.Name, cancellationToken)));
        }

        console.Write(tables);
        var mapping = new Table().AddColumns("source", "column", "in PingActors");
        foreach (var (table, column, becomes) in ColumnMaps.For(shape))
        {
            mapping.AddRow(Markup.Escape(table), Markup.Escape(column), Markup.Escape(becomes));
        }

        console.Write(mapping);
        var counts = await PlanCountsAsync(target, dry.Today, cancellationToken);
        console.Write(Outcome(counts, asOf));
        var report = await ReportWriter.ReadAsync(target, runId: null, cancellationToken);
        if (report.Count == 0)
        {
            console.MarkupLine("Every source row can come across.");
        }
        else
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{report.Count:N0} source rows cannot come across:");
            var reasons = new Table().AddColumns("table", "reason", "rows", "for example");
            foreach (var group in report.GroupBy(r => (r.SourceTable, r.Reason)).OrderBy(g => g.Key.SourceTable, StringComparer.Ordinal).ThenBy(g => g.Key.Reason, StringComparer.Ordinal))
            {
                reasons.AddRow(Markup.Escape(group.Key.SourceTable), Markup.Escape(group.Key.Reason), Number(group.Count()), Markup.Escape($"{group.First().SourceKey}: {group.First().Detail}"));
            }

            console.Write(reasons);
        }

        console.WriteLine(await EstimateAsync(target, dry, counts, options.ChunkSize, cancellationToken));
    }

    private static Table Outcome(Dictionary<string, long> counts, DateTimeOffset asOf)
    {
        var statuses = string.Join(", ", counts.Where(c => c.Key.StartsWith("pings.status.", StringComparison.Ordinal))
            .Select(c => $"{c.Key["pings.status.".Length..]} {Number(c.Value)}"));
        var table = new Table().AddColumns(new TableColumn($"an import as of {asOf:u} would"), new TableColumn(""));
        table.AddRow("register listings", $"{Number(counts["listings.new"])} of {Number(counts["listings.total"])} ({Number(counts["listings.held"])} PingActors holds for another owner)");
        table.AddRow("create or change chats", $"{Number(counts["chats.new"])} new of {Number(counts["chats.total"])}; {Number(counts["chats.merged"])} merged from two source rows for one pair");
        table.AddRow("create or change pings", $"{Number(counts["pings.new"])} new, {Number(counts["pings.changed"])} changed, of {Number(counts["pings.total"])}: {statuses}");
        table.AddRow("  of them", $"{Number(counts["pings.expired-on-import"])} pending past their expiry, imported as expired; {Number(counts["pings.withdrawn-by-newer"])} pending with a newer ping in their chat, imported as withdrawn; {Number(counts["pings.today"])} sent today, which count against today's allowances");
        table.AddRow("create messages", $"{Number(counts["messages.new"])} new of {Number(counts["messages.total"])}, {Number(counts["messages.made"])} of them made from the text of a ping whose message is missing");
        table.AddRow("carry user settings", $"{Number(counts["users.limit"])} own daily limits, {Number(counts["users.cooldown"])} running cooldowns");
        return table;
    }

    /// <summary>
    /// The plan's own reading and derivation took as long as the import's will; the move is timed on one chunk
    /// moved into scratch copies of PingActors' tables (with their indexes), and the listings and the analytics
    /// rebuild are reckoned at the same rate per row.
    /// </summary>
    private static async Task<string> EstimateAsync(NpgsqlConnection target, DryRunResult dry, Dictionary<string, long> counts, int chunkSize, CancellationToken cancellationToken)
    {
        await using (var scratch = new NpgsqlCommand("""
            CREATE TEMP TABLE chats (LIKE chats INCLUDING ALL);
            CREATE TEMP TABLE pings (LIKE pings INCLUDING ALL);
            CREATE TEMP TABLE messages (LIKE messages INCLUDING ALL)
            """, target))
        {
            await scratch.ExecuteNonQueryAsync(cancellationToken);
        }

        var clock = Stopwatch.StartNew();
        var (chats, rows) = await ChatMover.TrialAsync(target, Workspace.Session, chunkSize, cancellationToken);
        var perRow = rows == 0 ? TimeSpan.Zero : clock.Elapsed / rows;
        var total = counts["chats.new"] + counts["pings.total"] + counts["messages.total"];
        var move = perRow * total;
        var listings = perRow * counts["listings.new"];
        var rebuild = perRow * counts["pings.total"];
        var estimate = dry.Timings["extract"] + dry.Timings["owners"] + dry.Timings["prepare"] + listings + move + rebuild;
        return string.Create(CultureInfo.InvariantCulture,
            $"Estimated time: about {Seconds(estimate)} (read {Seconds(dry.Timings["extract"])}, owners {Seconds(dry.Timings["owners"])}, derive {Seconds(dry.Timings["prepare"])} as measured now; listings {Seconds(listings)}, moves {Seconds(move)} and analytics {Seconds(rebuild)} at the {perRow.TotalMicroseconds:N0} µs per row a trial chunk of {chats:N0} chats took).");
    }

    private static async Task<Dictionary<string, long>> PlanCountsAsync(NpgsqlConnection target, DateOnly today, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Workspace.Session.Sql(Preparer.Script("plan.sql")), target);
        command.Parameters.AddWithValue("today", today);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static async Task<long> CountAsync(NpgsqlConnection source, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {Sources.SourceTable.Quote(table)}", source);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString(time.TotalSeconds < 10 ? "N1" : "N0", CultureInfo.InvariantCulture) + " s";
}
