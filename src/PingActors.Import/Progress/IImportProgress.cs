namespace PingActors.Import.Progress;

/// <summary>Where the import shows how far it has come: a progress bar on a terminal, plain lines otherwise.</summary>
public interface IImportProgress
{
    /// <summary>Starts a step of <paramref name="total"/> units (rows, chats; 0 when unknown), or one piece of work when <paramref name="unit"/> is empty.</summary>
    IProgressStep Start(string description, long total, string unit = "rows");
}

/// <summary>One step of the import.</summary>
public interface IProgressStep
{
    void Report(long done);

    void Complete(long done);
}
