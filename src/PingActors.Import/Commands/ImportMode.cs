namespace PingActors.Import.Commands;

/// <summary>What the import command does.</summary>
public enum ImportMode
{
    /// <summary>Brings the source across (or resumes, or applies what changed since the last run).</summary>
    Import,

    /// <summary>Reads the source and says what an import would do, changing nothing.</summary>
    Plan,

    /// <summary>Compares the source with what the import made of it, changing nothing.</summary>
    Verify,
}
