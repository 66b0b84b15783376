using System.Globalization;
using Npgsql;
using PingActors.Import.Commands;
using PingActors.Import.Dry;
using PingActors.Import.Importing;
using PingActors.Import.Preparing;
using PingActors.Import.Progress;
using PingActors.Import.Runs;
using PingActors.Import.Staging;
using Spectre.Console;

namespace PingActors.Import.Verifying;

/// <summary>
/// <c>--verify</c>: derives from the source, as the last run did (as of its moment), what PingActors should hold,
/// and compares: counts per table and per ping status, every chat's message count and last seq, every user's
/// pings today and settings, and the whole rows of a sample of pings, messages, chats and listings (every row
/// with <c>--sample all</c>). Every difference is listed; it changes nothing.
/// </summary>
public sealed class Verifier(ImportEnvironment environment)
{
    /// <summary>Compares and lists the differences; returns how many there are.</summary>
    public async Task<int> VerifyAsync(ImportOptions options, IAnsiConsole console, TextWriter output, CancellationToken cancellationToken)
    {
        var last = await new RunStore(environment.Target).LastFinishedAsync(cancellationToken);
        var asOf = last?.AsOf ?? environment.Clock.GetUtcNow();
        await using var source = SourceDatabase.Open(options.From);
        await using var sourceConnection = await source.OpenConnectionAsync(cancellationToken);
        await using var target = await environment.Target.OpenConnectionAsync(cancellationToken);
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Verifying PingActors against {SourceDatabase.Describe(options.From)}, as of {asOf:u}{(last is { } run ? $" (run {run.RunId})" : ", no import has finished")}.");
        var dry = await DryRun.RunAsync(environment, sourceConnection, target, asOf, new PlainProgress(output, TimeProvider.System), cancellationToken);

        var differences = new List<Difference>();
        await using (var command = new NpgsqlCommand(Workspace.Session.Sql(Preparer.Script("verify.sql")), target))
        {
            command.Parameters.AddWithValue("now", environment.Clock.GetUtcNow());
            command.Parameters.AddWithValue("today", dry.Today);
            command.Parameters.Add(new NpgsqlParameter("sample", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)options.Sample ?? DBNull.Value });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    differences.Add(new Difference(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        differences.AddRange(await new GrainStateChecks(environment.GrainRows).CompareAsync(target, options.Sample, cancellationToken));
        if (differences.Count == 0)
        {
            console.MarkupLine("No differences: PingActors holds what the source says it should.");
            return 0;
        }

        // One line each, whole, for people and for grep: a table (or the console's width) would wrap them.
        foreach (var difference in differences)
        {
            await output.WriteLineAsync($"{difference.Check}: {difference.Key}: expected {difference.Expected}, found {difference.Found}");
        }

        await output.FlushAsync(cancellationToken);

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{differences.Count:N0} differences.[/]");
        return differences.Count;
    }
}
