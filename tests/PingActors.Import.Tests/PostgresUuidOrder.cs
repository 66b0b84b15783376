namespace PingActors.Import.Tests;

/// <summary>PostgreSQL's order of uuids: their 16 bytes in RFC order, compared one by one (Guid's own order differs).</summary>
public sealed class PostgresUuidOrder : IComparer<Guid>
{
    public static PostgresUuidOrder Instance { get; } = new();

    public int Compare(Guid x, Guid y) => x.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(y.ToByteArray(bigEndian: true));
}
