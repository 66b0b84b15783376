using System.Globalization;

namespace PingActors.Import.Commands;

/// <summary>Reads the import command's arguments (those after <c>import</c>).</summary>
public static class ImportArguments
{
    public const string Usage = """
        import --from "<connection string>" [--plan | --verify] [options]

          --from        the source database (the seed's design or the older one); Search Path picks a schema
          --plan        say what an import would do: tables, mappings, what cannot come across, time; change nothing
          --verify      compare the source with PingActors; exit 3 listing every difference
          --report      where to write the rows left behind (CSV; default import-report.csv)
          --chunk-size  chats per committed chunk (default 10000)
          --sample      rows per table whose checksums --verify compares, or "all" (default 10000)
          --restart     give up an unfinished run instead of resuming it

        Exit codes: 0 done, nothing left behind; 2 done, rows left behind (see the report); 3 --verify found
        differences; 1 the command could not run.
        """;

    /// <summary>The options, or the reason the arguments are wrong.</summary>
    public static (ImportOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? from = null, report = null;
        var mode = ImportMode.Import;
        int chunk = 10_000;
        int? sample = 10_000;
        var restart = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "import":
                    break;
                case "--from" when i + 1 < args.Count:
                    from = args[++i];
                    break;
                case "--report" when i + 1 < args.Count:
                    report = args[++i];
                    break;
                case "--plan":
                    mode = ImportMode.Plan;
                    break;
                case "--verify":
                    mode = ImportMode.Verify;
                    break;
                case "--restart":
                    restart = true;
                    break;
                case "--chunk-size" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0:
                    chunk = size;
                    i++;
                    break;
                case "--sample" when i + 1 < args.Count && args[i + 1] == "all":
                    sample = null;
                    i++;
                    break;
                case "--sample" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var rows) && rows > 0:
                    sample = rows;
                    i++;
                    break;
                case var setting when setting.Contains('=', StringComparison.Ordinal):
                    // A configuration setting for the host (--Section:Key=value), not one of ours.
                    break;
                default:
                    return (null, $"Unknown or incomplete argument '{args[i]}'.");
            }
        }

        return from is null
            ? (null, "--from is required.")
            : (new ImportOptions { From = from, Mode = mode, ReportPath = report ?? "import-report.csv", ChunkSize = chunk, Sample = sample, Restart = restart }, null);
    }
}
