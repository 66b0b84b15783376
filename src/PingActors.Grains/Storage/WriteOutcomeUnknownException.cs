namespace PingActors.Storage;

/// <summary>
/// A history write lost its connection mid-commit and the database could not be asked afterwards whether it
/// committed. The grains involved deactivate, so whatever did commit is reloaded before they act again.
/// </summary>
public sealed class WriteOutcomeUnknownException : Exception
{
    public WriteOutcomeUnknownException()
    {
    }

    public WriteOutcomeUnknownException(string message)
        : base(message)
    {
    }

    public WriteOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
