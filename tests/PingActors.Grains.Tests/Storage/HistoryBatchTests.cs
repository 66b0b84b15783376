using System.Text.RegularExpressions;
using Npgsql;
using PingActors.History;
using PingActors.Testing;

namespace PingActors.Grains.Tests.Storage;

/// <summary>
/// The group commit's statement comes in one variant for each kind of batch (which rows it has). The grain tests
/// write the common kinds; these check every kind, including those only a rare mix of turns makes.
/// </summary>
public sealed partial class HistoryBatchTests
{
    private static readonly HistoryBatch.Parts[] _everyKind =
        [.. Enumerable.Range(0, 64).Select(bits => (HistoryBatch.Parts)bits)];

    [Fact]
    public async Task EveryVariant_IsAStatementPostgresAccepts()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var connection = await database.OpenAsync();
        foreach (var parts in _everyKind)
        {
            // PREPARE parses, checks and plans the statement without running it.
            await using var prepare = new NpgsqlCommand($"PREPARE batch_{(int)parts} AS {HistoryBatch.Sql(parts)}", connection);
            await prepare.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public void EveryVariant_NumbersItsParametersFromOneWithoutAGap()
    {
        foreach (var parts in _everyKind)
        {
            var numbers = Placeholder().Matches(HistoryBatch.Sql(parts)).Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        }
    }

    [Fact]
    public void ABatchOfNewPings_BindsOnlyTheArraysItFills()
    {
        var full = Placeholders(HistoryBatch.Parts.NewChats | HistoryBatch.Parts.MovedChats | HistoryBatch.Parts.NewPings
            | HistoryBatch.Parts.ClosedPings | HistoryBatch.Parts.Messages | HistoryBatch.Parts.Limits);
        var newPings = Placeholders(HistoryBatch.Parts.NewChats | HistoryBatch.Parts.NewPings | HistoryBatch.Parts.Messages);

        Assert.Equal(74, full);
        Assert.Equal(52, newPings);
        Assert.DoesNotContain("closed_pings", HistoryBatch.Sql(HistoryBatch.Parts.NewChats | HistoryBatch.Parts.NewPings | HistoryBatch.Parts.Messages), StringComparison.Ordinal);
    }

    private static int Placeholders(HistoryBatch.Parts parts) => Placeholder().Matches(HistoryBatch.Sql(parts)).Select(match => match.Value).Distinct().Count();

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Placeholder();
}
