namespace PingActors.Testing.SourceDesigns;

/// <summary>Random version-4 ids drawn from a seeded generator, so the same seed gives the same ids.</summary>
internal static class Ids
{
    public static Guid Next(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>A time with the microsecond precision PostgreSQL keeps.</summary>
    public static DateTimeOffset Micros(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
}
