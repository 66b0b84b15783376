using System.Text.Json;

namespace PingActors.Import.Runs;

/// <summary>What a run has done so far, by name ("pings.inserted", "source.messages", ...): stored with every checkpoint.</summary>
public sealed class ImportCounts
{
    private readonly SortedDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public long this[string name] => _counts.GetValueOrDefault(name);

    public IReadOnlyDictionary<string, long> All => _counts;

    public void Add(string name, long count) => _counts[name] = this[name] + count;

    public void Set(string name, long count) => _counts[name] = count;

    /// <summary>Whether this run inserted or changed a ping: only then do the analytics need rebuilding.</summary>
    public bool ChangedPings => this["pings.inserted"] + this["pings.updated"] > 0;

    public string ToJson() => JsonSerializer.Serialize(_counts);

    public static ImportCounts FromJson(string json)
    {
        var counts = new ImportCounts();
        foreach (var (name, count) in JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [])
        {
            counts.Set(name, count);
        }

        return counts;
    }
}
