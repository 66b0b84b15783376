namespace PingActors.Import.Sources;

/// <summary>The source holds neither design, or lacks a column the import needs; the message says what is missing.</summary>
public sealed class SourceNotRecognizedException(string message) : Exception(message);
