using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using PingActors.Listings;
using PingActors.Storage;
using PingActors.Users;

namespace PingActors.Import.GrainState;

/// <summary>
/// Makes the <c>OrleansStorage</c> rows a listing's or a user's grain would write for a state, so the import can
/// create millions of them with set-based SQL instead of activating a grain for each. The pieces are the silo's
/// own: the serializer and hash picker of its configured ADO.NET storage providers and its service id. Only the
/// grain key's split into columns (AdoGrainKey, internal to the provider) is restated here, and a test holds
/// these rows to the ones the provider writes for the same grains.
/// </summary>
public sealed class GrainStateRows
{
    /// <summary>The state names the grains give their storage ([PersistentState("listing")], ("user")): the provider stores them as the grain type.</summary>
    public const string ListingStateName = "listing";

    public const string UserStateName = "user";

    private readonly IOptionsMonitor<AdoNetGrainStorageOptions> _storage;
    private readonly string _serviceId;

    public GrainStateRows(IServiceProvider services)
    {
        _storage = services.GetRequiredService<IOptionsMonitor<AdoNetGrainStorageOptions>>();
        _serviceId = services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId;
    }

    public GrainStateRow Listing(Guid listingId, ListingState state) =>
        Row(StorageNames.Listings, ListingStateName, GrainId.Create(GrainType.Create("listing"), GrainIdKeyExtensions.CreateGuidKey(listingId)), listingId.ToString(), state);

    public GrainStateRow User(string username, UserState state) =>
        Row(StorageNames.Users, UserStateName, GrainId.Create("user", username), username, state);

    /// <summary>Reads a stored state back with the provider's serializer.</summary>
    public T? Read<T>(string storage, byte[] payload) => _storage.Get(storage).GrainStorageSerializer.Deserialize<T>(new BinaryData(payload));

    private GrainStateRow Row<T>(string storage, string grainType, GrainId grainId, string key, T state)
    {
        var options = _storage.Get(storage);
        var grainState = new GrainState<T>(state);
        var hasher = (options.HashPicker ?? new StorageHasherPicker([new OrleansDefaultHasher()]))
            .PickHasher(_serviceId, storage, grainType, grainId, grainState)
            ?? throw new InvalidOperationException($"Grain storage {storage} picks no hasher.");
        var (n0, n1, extension, hashBytes) = Split(grainId);
        return new GrainStateRow(
            key,
            hasher.Hash(hashBytes),
            n0,
            n1,
            hasher.Hash(Encoding.UTF8.GetBytes(grainType)),
            grainType,
            extension,
            _serviceId,
            options.GrainStorageSerializer.Serialize(state).ToArray());
    }

    /// <summary>The provider's AdoGrainKey: a Guid key in two longs, an integer key in one, a string key as the extension.</summary>
    private static (long N0, long N1, string? Extension, byte[] HashBytes) Split(GrainId grainId)
    {
        byte[] bytes;
        long n0 = 0, n1 = 0;
        string? extension;
        if (grainId.TryGetGuidKey(out var guid, out extension))
        {
            bytes = guid.ToByteArray();
            (n0, n1) = (BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8));
        }
        else if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            n1 = integer;
            bytes = BitConverter.GetBytes(integer);
        }
        else
        {
            extension = grainId.Key.ToString();
            bytes = [];
        }

        if (extension is not null)
        {
            bytes = [.. bytes, .. Encoding.UTF8.GetBytes(extension)];
        }

        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

        return (n0, n1, extension, bytes);
    }
}
