using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;

namespace PingActors.Paging;

/// <summary>A keyset position in a list ordered by (time, id), both descending. Opaque to clients.</summary>
/// <param name="At">The time of the last item seen.</param>
/// <param name="Id">The id of the last item seen, which breaks ties between equal times.</param>
[GenerateSerializer, Immutable, Alias("pingactors.page-cursor")]
public sealed record PageCursor(DateTimeOffset At, Guid Id)
{
    private const int Size = sizeof(long) + 16;

    /// <summary>The cursor as a URL-safe token.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        BinaryPrimitives.WriteInt64BigEndian(bytes, At.UtcTicks);
        Id.TryWriteBytes(bytes[sizeof(long)..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads a token made by <see cref="ToString"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? token, [NotNullWhen(true)] out PageCursor? cursor)
    {
        cursor = null;
        Span<byte> bytes = stackalloc byte[Size];
        if (token is null || token.Length > 64 || !Base64Url.IsValid(token, out var length) || length != Size)
        {
            return false;
        }

        Base64Url.DecodeFromChars(token, bytes);

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new PageCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[sizeof(long)..], bigEndian: true));
        return true;
    }
}
