namespace PingActors.Import.Sources;

/// <summary>A table found in the source, with its columns and (for a limit column) their defaults.</summary>
public sealed record SourceTable(string Name, IReadOnlyDictionary<string, string?> Columns)
{
    public bool Has(string column) => Columns.ContainsKey(column);

    /// <summary>The column itself, or a typed null when the table lacks it (the other design has it).</summary>
    public string ColumnOrNull(string column, string type) => Has(column) ? $"{Quote(column)}::{type}" : $"NULL::{type}";

    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
