namespace PingActors.Import.Commands;

/// <summary>The import command's arguments.</summary>
public sealed record ImportOptions
{
    /// <summary>The source database's connection string (its Search Path selects a schema).</summary>
    public required string From { get; init; }

    public ImportMode Mode { get; init; } = ImportMode.Import;

    /// <summary>Where the CSV of rows left behind goes.</summary>
    public string ReportPath { get; init; } = "import-report.csv";

    /// <summary>Chats per chunk of the move (each with its pings and messages); listings and users go in chunks of five times as many.</summary>
    public int ChunkSize { get; init; } = 10_000;

    /// <summary>Rows per table whose checksums <c>--verify</c> compares; null compares every row.</summary>
    public int? Sample { get; init; } = 10_000;

    /// <summary>Gives up an unfinished run instead of resuming it.</summary>
    public bool Restart { get; init; }
}
