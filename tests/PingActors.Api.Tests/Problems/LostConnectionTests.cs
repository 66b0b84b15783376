using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PingActors.Storage;

namespace PingActors.Api.Tests.Problems;

/// <summary>
/// PostgreSQL ends every connection a pool holds idle, as a restart or a failover does. A ping or a read that meets
/// one of them runs its statement again on a fresh connection (<see cref="LostConnections"/>) instead of answering
/// 503: no client pays for the connections the process kept from before.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LostConnectionTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    private const int Idle = 5, Pings = 6;

    public static TheoryData<string, bool> Failures => new()
    {
        { "server shutting down (57P01)", true },
        { "another server process crashed (57P02)", true },
        { "socket closed mid-read", true },
        { "wrapped by Orleans", true },
        { "statement refused (23505)", false },
        { "server unreachable", false },
        { "command timeout", false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void OnlyALostConnectionIsRetried(string failure, bool lost)
    {
        Exception exception = failure switch
        {
            "server shutting down (57P01)" => new PostgresException("terminating connection", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown),
            "another server process crashed (57P02)" => new PostgresException("terminating connection", "FATAL", "FATAL", PostgresErrorCodes.CrashShutdown),
            "socket closed mid-read" => new NpgsqlException("Exception while reading from stream", new EndOfStreamException()),
            "wrapped by Orleans" => new OrleansException("storage", new NpgsqlException("Exception while writing to stream", new IOException("Broken pipe"))),
            "statement refused (23505)" => new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation),
            "server unreachable" => new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)),
            _ => new NpgsqlException("Exception while reading from stream", new TimeoutException()),
        };

        Assert.Equal(lost, LostConnections.IsLost(exception));
    }

    [Fact]
    public async Task TheRequestsPoolsConnectionsEnded_NoPingAnswers503()
    {
        // The API's own statement of a ping (its Idempotency-Key's claim) runs on the pool requests share.
        var answers = await PingsFromNewSendersAsync(DataSourceNames.Foreground);

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Created, status));
    }

    [Fact]
    public async Task TheSilosPoolsConnectionsEnded_NoPingAnswers503()
    {
        // A new sender's grain reads their pings on the activation loaders' pool; the ping is written on the history
        // writer's (which retries a batch that lost its connection anyway).
        var answers = await PingsFromNewSendersAsync(DataSourceNames.Loads, DataSourceNames.History);

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Created, status));
    }

    [Fact]
    public async Task TheQueriesPoolsConnectionsEnded_NoReadAnswers503()
    {
        // A ping's page, a chat's messages and the lists read the history tables on the pool requests share.
        var ping = await NewPingAsync();
        await EndIdleConnectionsAsync(DataSourceNames.Foreground);

        string[] reads = [$"/v1/pings/{ping.PingId}", "/v1/pings?box=sent", $"/v1/chats/{ping.ChatId}/messages", "/v1/chats", $"/v1/pings/{ping.PingId}"];
        var answers = new List<HttpStatusCode>();
        foreach (var path in reads)
        {
            using var response = await ping.SenderClient.GetAsync(path);
            answers.Add(response.StatusCode);
        }

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    /// <summary>
    /// Ends the idle connections of <paramref name="pools"/> (<see cref="EndIdleConnectionsAsync"/>), then sends
    /// <see cref="Pings"/> pings, one at a time, each from a sender new to the node; returns their answers.
    /// </summary>
    private async Task<HttpStatusCode[]> PingsFromNewSendersAsync(params string[] pools)
    {
        var (_, _, listingId) = await NewListingAsync();
        var senders = await Task.WhenAll(Enumerable.Range(0, Pings).Select(_ => Fixture.SignInAsync(ApiFixture.NewUser("sender"))));
        await EndIdleConnectionsAsync(pools);

        var answers = new List<HttpStatusCode>();
        foreach (var sender in senders)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings") { Content = JsonContent.Create(new { listingId, message = "Still there?" }) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await sender.SendAsync(request);
            answers.Add(response.StatusCode);
        }

        return [.. answers];
    }

    /// <summary>Leaves <see cref="Idle"/> idle connections (or as many as it holds) in each of <paramref name="pools"/>, and has the server end them all.</summary>
    private async Task EndIdleConnectionsAsync(params string[] pools)
    {
        var left = 0;
        foreach (var pool in pools)
        {
            var source = pool == DataSourceNames.Foreground
                ? Fixture.Services.GetRequiredService<NpgsqlDataSource>()
                : Fixture.Services.GetRequiredKeyedService<NpgsqlDataSource>(pool);
            var idle = Math.Min(Idle, new NpgsqlConnectionStringBuilder(source.ConnectionString).MaxPoolSize);
            var held = await Task.WhenAll(Enumerable.Range(0, idle).Select(_ => source.OpenConnectionAsync().AsTask()));
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }

            left += idle;
        }

        var ended = await Fixture.Database.ScalarAsync<int>("""
            SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 10000))::int FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = ANY($1)
            """, [pools]);
        Assert.True(ended >= left, $"The server ended {ended} connections, not the {left} left idle.");
    }
}
