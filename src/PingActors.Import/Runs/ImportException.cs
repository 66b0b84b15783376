namespace PingActors.Import.Runs;

/// <summary>The import cannot start or go on, for a reason the operator can act on; the message says which.</summary>
public sealed class ImportException(string message) : Exception(message);
