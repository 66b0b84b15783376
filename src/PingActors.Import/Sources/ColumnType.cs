namespace PingActors.Import.Sources;

/// <summary>The types a staging column has; a copy reads and writes each value as its type.</summary>
public enum ColumnType
{
    Uuid,
    Text,
    TimestampTz,
    Number,
}
