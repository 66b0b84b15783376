using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PingActors.Storage;

namespace PingActors.Limits;

/// <summary>
/// The stored policies (<c>limit_policies</c>): one row per change, the newest in force. Every change is kept, with
/// who made it and when.
/// </summary>
public sealed class LimitPolicyStore([FromKeyedServices(DataSourceNames.Background)] NpgsqlDataSource database)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The policies in force, or <see langword="null"/> while none was ever stored.</summary>
    public async Task<LimitPolicySet?> ReadAsync(CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT version, enforced, candidate, candidate_rollout_percent, changed_at, changed_by
            FROM limit_policies ORDER BY version DESC LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new LimitPolicySet(
            reader.GetInt64(0),
            Deserialize(reader.GetString(1)),
            reader.IsDBNull(2) ? null : Deserialize(reader.GetString(2)),
            reader.GetInt32(3),
            reader.GetFieldValue<DateTimeOffset>(4),
            reader.GetString(5));
    }

    /// <summary>Stores a new version after <paramref name="previousVersion"/>; <see langword="false"/> if someone stored another first.</summary>
    public async Task<bool> WriteAsync(LimitPolicySet set, long previousVersion, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO limit_policies (version, enforced, candidate, candidate_rollout_percent, changed_at, changed_by)
            SELECT $1, $2::jsonb, $3::jsonb, $4, $5, $6
            WHERE coalesce((SELECT max(version) FROM limit_policies), 0) = $7
            ON CONFLICT (version) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = set.Version });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(set.Enforced, _json) });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = set.Candidate is null ? null : JsonSerializer.Serialize(set.Candidate, _json) });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = set.CandidateRolloutPercent });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = set.ChangedAt });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = set.ChangedBy });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = previousVersion });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static LimitPolicy Deserialize(string json) =>
        JsonSerializer.Deserialize<LimitPolicy>(json, _json) ?? throw new InvalidDataException("A stored limit policy is empty.");
}
