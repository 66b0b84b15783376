using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace PingActors.Import.Staging;

/// <summary>What the import works out for each source row as it passes through: names checked, ids derived.</summary>
public static class DerivedColumns
{
    private static readonly SearchValues<char> _first = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> _rest = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_.-");

    /// <summary>
    /// PingActors' username rule (3 to 32 of <c>a-z 0-9 _ . -</c>, starting with a letter or digit), read strictly:
    /// a name with a line break at its end breaks it too.
    /// </summary>
    public static bool IsValidUsername(string? name) =>
        name is { Length: >= 3 and <= 32 } && _first.Contains(name[0]) && !name.AsSpan().ContainsAnyExcept(_rest);

    /// <summary>
    /// The id of the message the import makes for a ping whose own message the source lost: a name-based UUIDv8
    /// over the ping's id, so every run makes the same one.
    /// </summary>
    public static Guid MadeMessageId(Guid pingId)
    {
        Span<byte> input = stackalloc byte[64];
        var prefix = Encoding.ASCII.GetBytes("pingactors-import:message:", input);
        pingId.TryWriteBytes(input[prefix..], bigEndian: true, out var written);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..(prefix + written)], hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
