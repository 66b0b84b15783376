using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PingActors.Storage;

namespace PingActors.Limits;

/// <summary>Reads what the policy in shadow would have refused, from the pings that record it (an index holds only those).</summary>
public sealed class ShadowQueries([FromKeyedServices(DataSourceNames.Background)] NpgsqlDataSource database)
{
    public async Task<ShadowSummary> SummarizeAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT shadow_refusal, count(*), count(*) FILTER (WHERE status = 'responded'), count(*) FILTER (WHERE status = 'pending')
            FROM pings
            WHERE shadow_refusal IS NOT NULL AND created_at >= $1
            GROUP BY shadow_refusal
            ORDER BY shadow_refusal
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since });
        var rules = new List<ShadowRuleCount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rules.Add(new ShadowRuleCount(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return new ShadowSummary(since, rules.Sum(r => r.WouldHaveRefused), rules.Sum(r => r.LaterAnswered), rules.Sum(r => r.StillPending), rules);
    }
}
