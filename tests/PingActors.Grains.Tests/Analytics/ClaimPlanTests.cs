using System.Text.Json;
using Npgsql;
using PingActors.Analytics;
using PingActors.Testing;

namespace PingActors.Grains.Tests.Analytics;

/// <summary>
/// A worker's claim reads a batch's worth of events along the shard index however far the outbox has grown since its
/// connection first ran it. The data sources keep one generic plan per statement and connection; the claim must not
/// be held to one made while the outbox was empty.
/// </summary>
public sealed class ClaimPlanTests
{
    private const int Shards = 16;
    private const int PerShard = 31;
    private const int Waiting = 20_000;

    [Fact]
    public async Task Claim_AfterTheOutboxGrewUnderItsConnection_ReadsOnlyABatchAlongTheShardIndex()
    {
        await using var database = await TestDatabase.CreateAsync();
        // Planned as the data sources plan (PingActorsSiloExtensions): once per statement and connection.
        var settings = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Options = "-c plan_cache_mode=force_generic_plan" };
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"PREPARE claim(int, int) AS {AnalyticsProcessor.ClaimSql}");

        // The connection's first claim finds the outbox empty.
        await ClaimAsync(connection, $"EXECUTE claim({Shards}, {PerShard})");
        await ExecuteAsync(connection, $"""
            INSERT INTO events (event_id, event_type, occurred_at, chat_id, listing_id, sender, receiver, recipient, seq)
            SELECT gen_random_uuid(), 'ping.sent', now(), gen_random_uuid(), gen_random_uuid(), 'sender-' || i, 'owner', 'owner', i
            FROM generate_series(1, {Waiting}) i
            """);

        var plan = await ClaimAsync(connection, $"EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE claim({Shards}, {PerShard})");

        var scans = EventScans(JsonDocument.Parse(plan).RootElement[0].GetProperty("Plan")).ToList();
        Assert.NotEmpty(scans);
        Assert.All(scans, scan => Assert.Contains(scan.Type, (string[])["Index Scan", "Index Only Scan"]));
        Assert.All(scans, scan => Assert.Equal("ix_events_shard_order", scan.Index));
        // Each shard's probe reads one entry and its read a batch's worth (and one more, to see it is done).
        Assert.True(scans.Sum(scan => scan.RowsRead) <= Shards * (PerShard + 2), $"the claim read {scans.Sum(scan => scan.RowsRead)} events");
    }

    /// <summary>Runs <paramref name="sql"/> (the claim, or its plan) in a transaction as the processor plans it; returns the first column of its first row.</summary>
    private static async Task<string> ClaimAsync(NpgsqlConnection connection, string sql)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var setting in AnalyticsProcessor.ClaimSettings)
        {
            await ExecuteAsync(connection, setting);
        }

        await using var command = new NpgsqlCommand(sql, connection);
        var first = await command.ExecuteScalarAsync();
        await transaction.RollbackAsync();
        return first?.ToString() ?? "";
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every node of <paramref name="node"/>'s tree that reads the events table, with how many rows it read in all.</summary>
    private static IEnumerable<(string Type, string? Index, double RowsRead)> EventScans(JsonElement node)
    {
        if (node.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "events")
        {
            yield return (
                node.GetProperty("Node Type").GetString()!,
                node.TryGetProperty("Index Name", out var index) ? index.GetString() : null,
                node.GetProperty("Actual Rows").GetDouble() * node.GetProperty("Actual Loops").GetDouble());
        }

        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(EventScans))
            {
                yield return child;
            }
        }
    }
}
