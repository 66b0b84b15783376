using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using PingActors.Storage;
using PingActors.Testing;

namespace PingActors.Grains.Tests.Faults;

/// <summary>
/// A database failure crosses the wire as itself, wherever it escapes: through a grain method (translated to
/// <see cref="StorageUnavailableException"/>) or where no grain code runs, such as an activation that reads its
/// state on a broken connection (Orleans wraps the driver's exception and sends it as it is).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FailureSerializationTests(ClusterFixture fixture)
{
    public static TheoryData<string> Failures => ["refused", "unreachable", "wrapped by Orleans", "unavailable"];

    [Theory]
    [MemberData(nameof(Failures))]
    public void DatabaseFailure_SentToACaller_ArrivesAsADatabaseFailure(string failure)
    {
        Exception sent = failure switch
        {
            "refused" => new PostgresException("injected", "ERROR", "ERROR", StorageFaults.SqlState),
            "unreachable" => new NpgsqlException("Exception while reading from stream", new EndOfStreamException()),
            "wrapped by Orleans" => new OrleansException("Error from storage provider", new NpgsqlException("Exception while connecting")),
            _ => new StorageUnavailableException("The database refused the operation.", StorageFaults.SqlState, outcomeUnknown: false),
        };
        var serializer = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<Serializer>();

        var received = serializer.Deserialize<Exception>(serializer.SerializeToArray(sent))!;

        Assert.Equal(sent.GetType(), received.GetType());
        Assert.Equal(sent.InnerException?.GetType(), received.InnerException?.GetType());
        Assert.True(received is NpgsqlException or StorageUnavailableException || received.InnerException is NpgsqlException);
    }
}
