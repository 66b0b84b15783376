namespace PingActors.Storage;

/// <summary>
/// A grain call failed because the database refused or could not take a read or write: it is down, restarting,
/// or the connection broke. Nothing of the call took effect, unless <see cref="OutcomeUnknown"/> says a write
/// may have committed; either way the same request may be sent again (with the same ids) once the database
/// answers. Grains throw this instead of the database driver's own exceptions, which cannot cross the wire.
/// </summary>
[GenerateSerializer, Alias("pingactors.storage-unavailable")]
public sealed class StorageUnavailableException : OrleansException
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageUnavailableException(string message, string? sqlState, bool outcomeUnknown)
        : base(message)
    {
        SqlState = sqlState;
        OutcomeUnknown = outcomeUnknown;
    }

    /// <summary>The database's error code, when the database itself refused.</summary>
    [Id(0)]
    public string? SqlState { get; private set; }

    /// <summary>A write lost its connection mid-commit and may have committed: a retry with the same ids finds out.</summary>
    [Id(1)]
    public bool OutcomeUnknown { get; private set; }
}
