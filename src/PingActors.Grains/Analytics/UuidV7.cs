namespace PingActors.Analytics;

/// <summary>
/// Event ids are version-7 UUIDs: their first 48 bits are the Unix time in milliseconds, and PostgreSQL orders
/// uuids bytewise, so the primary key of <c>events</c> is also a time index.
/// </summary>
internal static class UuidV7
{
    /// <summary>When <paramref name="id"/> was made, to the millisecond.</summary>
    public static DateTimeOffset TimestampOf(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        long milliseconds = 0;
        foreach (var b in bytes[..6])
        {
            milliseconds = (milliseconds << 8) | b;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    /// <summary>An id that sorts before every version-7 id made at or after <paramref name="at"/>.</summary>
    public static Guid LowerBound(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        var milliseconds = at.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            bytes[i] = (byte)milliseconds;
            milliseconds >>= 8;
        }

        return new Guid(bytes, bigEndian: true);
    }
}
