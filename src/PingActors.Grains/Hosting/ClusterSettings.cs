using System.ComponentModel.DataAnnotations;

namespace PingActors.Hosting;

/// <summary>How this process takes part in the cluster (configuration section <c>Cluster</c>).</summary>
public sealed class ClusterSettings : IValidatableObject
{
    public const string Section = "Cluster";

    public const string SingleNode = "single-node";
    public const string Client = "client";

    /// <summary>For the API host: <c>single-node</c> hosts a silo in-process; <c>client</c> joins silos found in the database.</summary>
    public string Mode { get; set; } = SingleNode;

    /// <summary>The cluster's id: silos and clients with the same id form one cluster.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,100}$")]
    public string ClusterId { get; set; } = "pingactors";

    /// <summary>The service's id: grain state is stored under it, so it must stay the same across deployments.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,100}$")]
    public string ServiceId { get; set; } = "pingactors";

    /// <summary>The port silos talk to each other on.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients reach a silo on.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients should use for this one; empty picks this machine's first address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Whether silos collect statistics for the Orleans Dashboard and hosts serve it at <c>/dashboard</c>.</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>
    /// Milliseconds between the dashboard's samples of the counters: its charts move, and its metric reader
    /// collects every Orleans instrument, this often (see <c>DashboardSetup</c>). A collection visits every
    /// activation of the silo (the catalog's request gauge): sampled every second it costs every ping a share, so
    /// the default is ten seconds.
    /// </summary>
    [Range(1000, 300_000)]
    public int DashboardCounterIntervalMs { get; set; } = 10_000;

    public bool IsSingleNode => Mode == SingleNode;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode is not (SingleNode or Client))
        {
            yield return new ValidationResult($"must be '{SingleNode}' or '{Client}', not '{Mode}'.", [nameof(Mode)]);
        }

        if (!string.IsNullOrEmpty(AdvertisedAddress) && !System.Net.IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return new ValidationResult($"'{AdvertisedAddress}' is not an IP address.", [nameof(AdvertisedAddress)]);
        }
    }
}
