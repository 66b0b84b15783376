using System.Security.Cryptography;
using System.Text;

namespace PingActors.Chats;

/// <summary>Chat ids, derived from the listing and the sender so the pair always maps to the same chat.</summary>
public static class ChatId
{
    // A fixed namespace keeps the ids stable across processes and versions. The scheme is RFC 9562's
    // name-based UUIDv8 with SHA-256 (its appendix B.2).
    private static readonly Guid _namespace = new("2f1d6f4c-54f8-4a5e-9d0b-6d1c0a9e7b31");

    /// <summary>The id of the chat between <paramref name="sender"/> and the owner of <paramref name="listingId"/>.</summary>
    public static Guid For(Guid listingId, string sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var length = 32 + Encoding.UTF8.GetByteCount(sender);
        Span<byte> input = length <= 256 ? stackalloc byte[length] : new byte[length];
        _namespace.TryWriteBytes(input, bigEndian: true, out _);
        listingId.TryWriteBytes(input[16..], bigEndian: true, out _);
        Encoding.UTF8.GetBytes(sender, input[32..]);

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
