using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Api.Idempotency;
using PingActors.Api.Pings;
using PingActors.Chats;
using PingActors.Testing;

namespace PingActors.Api.Tests.Idempotency;

/// <summary>
/// The database fails mid-request and again when the API frees the request's Idempotency-Key: a client that
/// follows Retry-After gets through as soon as the database answers, not when the key's lease ends.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotencyOutageTests(ApiFixture fixture) : ApiTestBase(fixture)
{
    [Fact]
    public async Task Retry_AfterTheDatabaseFailedTheRequestAndItsRelease_GetsThroughOnceTheDatabaseAnswers()
    {
        var (_, _, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser("sender");
        var client = await Fixture.SignInAsync(sender);
        var key = Guid.NewGuid().ToString();

        var failed = await FailBothAsync(client, key, listingId, sender);
        var retried = await client.SendAsync(PingRequest(key, listingId));

        await AssertProblemAsync(failed, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.Equal(TimeSpan.FromSeconds(1), failed.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(1L, await Fixture.Database.ScalarAsync<long>("SELECT count(*) FROM pings WHERE sender = $1", sender));
    }

    [Fact]
    public async Task AKeyWhoseReleaseFailed_IsFreedForOtherApiProcesses_OnceTheDatabaseAnswers()
    {
        var (_, _, listingId) = await NewListingAsync();
        var sender = ApiFixture.NewUser("sender");
        var client = await Fixture.SignInAsync(sender);
        var key = Guid.NewGuid().ToString();
        var scoped = new IdempotencyKey(sender, "SendPing", key);
        var hash = IdempotencyFilter.Hash(
            new SendPingRequest(listingId, Message), Fixture.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
        var otherProcess = new IdempotencyStore(Fixture.Services.GetRequiredService<NpgsqlDataSource>(), Fixture.Clock);
        await using var signals = await DatabaseSignals.ListenAsync(Fixture.Database.ConnectionString, Channel);

        var whileClaimed = IdempotencyClaim.InFlight;
        await FailBothAsync(client, key, listingId, sender, async () => whileClaimed = await otherProcess.ClaimAsync(scoped, hash));
        Assert.Equal(IdempotencyClaimOutcome.InFlight, whileClaimed.Outcome);
        await signals.UntilAsync(
            async () => await Fixture.Database.ScalarAsync<bool>("SELECT locked_until IS NULL FROM idempotency_keys WHERE key = $1", key),
            TimeSpan.FromSeconds(30), "the API to release the key once the database answers");
        var requestId = await Fixture.Database.ScalarAsync<Guid>("SELECT request_id FROM idempotency_keys WHERE key = $1", key);
        var afterRelease = await otherProcess.ClaimAsync(scoped, hash);

        Assert.Equal(IdempotencyClaimOutcome.Claimed, afterRelease.Outcome);
        Assert.Equal(requestId, afterRelease.RequestId);
    }

    private const string Message = "Is it still there?";
    private const string Channel = "test_idempotency_keys";

    /// <summary>
    /// Sends with <paramref name="key"/> while PostgreSQL refuses the ping's history write and every change to the
    /// key's row (so the API cannot release it either), runs <paramref name="whileFailing"/>, then lets the
    /// database answer again.
    /// </summary>
    private async Task<HttpResponseMessage> FailBothAsync(HttpClient client, string key, Guid listingId, string sender, Func<Task>? whileFailing = null)
    {
        await using var history = await StorageFaults.FailHistoryAsync(Fixture.Database.ConnectionString, ChatId.For(listingId, sender));
        await ExecuteAsync($$"""
            CREATE TABLE IF NOT EXISTS test_idempotency_faults (key text PRIMARY KEY);
            CREATE OR REPLACE FUNCTION test_idempotency_fault() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
                IF EXISTS (SELECT 1 FROM test_idempotency_faults f WHERE f.key = OLD.key) THEN
                    RAISE EXCEPTION 'injected idempotency fault for %', OLD.key USING ERRCODE = '{{StorageFaults.SqlState}}';
                END IF;
                PERFORM pg_notify('{{Channel}}', OLD.key);
                RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
            END
            $f$;
            CREATE OR REPLACE TRIGGER test_idempotency_fault BEFORE UPDATE OR DELETE ON idempotency_keys
                FOR EACH ROW EXECUTE FUNCTION test_idempotency_fault();
            INSERT INTO test_idempotency_faults (key) VALUES ('{{key}}');
            """);
        try
        {
            var failed = await client.SendAsync(PingRequest(key, listingId));
            Assert.True(await Fixture.Database.ScalarAsync<bool>("SELECT locked_until IS NOT NULL FROM idempotency_keys WHERE key = $1", key));
            if (whileFailing is not null)
            {
                await whileFailing();
            }

            return failed;
        }
        finally
        {
            await ExecuteAsync($"DELETE FROM test_idempotency_faults WHERE key = '{key}'");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await Fixture.Database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static HttpRequestMessage PingRequest(string key, Guid listingId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/pings") { Content = JsonContent.Create(new { listingId, message = Message }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
