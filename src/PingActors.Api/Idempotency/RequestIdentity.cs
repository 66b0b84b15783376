using System.Security.Cryptography;

namespace PingActors.Api.Idempotency;

/// <summary>
/// The id a request derives its new ids from. With an Idempotency-Key it is the key's, the same on every
/// attempt; without one it is new per request (and the same across the API's own retries of it).
/// </summary>
public static class RequestIdentity
{
    private static readonly object _key = new();

    public static Guid Of(HttpContext context)
    {
        if (context.Items[_key] is not Guid id)
        {
            id = Guid.CreateVersion7();
            context.Items[_key] = id;
        }

        return id;
    }

    internal static void Set(HttpContext context, Guid id) => context.Items[_key] = id;

    /// <summary>The id of item <paramref name="index"/> of a batch: stable for a given request id, distinct per item.</summary>
    public static Guid Derive(Guid requestId, int index)
    {
        Span<byte> input = stackalloc byte[20];
        requestId.TryWriteBytes(input, bigEndian: true, out _);
        BitConverter.TryWriteBytes(input[16..], index);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // RFC 9562 version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
