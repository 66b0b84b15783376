namespace PingActors.Import.Reporting;

/// <summary>A source row the import could not bring across, and why.</summary>
public sealed record ReportRow(string SourceTable, string SourceKey, string Reason, string Detail);
