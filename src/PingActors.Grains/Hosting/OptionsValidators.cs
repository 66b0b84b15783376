using Microsoft.Extensions.Options;
using PingActors.Analytics;
using PingActors.History;
using PingActors.Limits;
using PingActors.Pings;
using PingActors.Storage;

namespace PingActors.Hosting;

[OptionsValidator]
internal sealed partial class PingOptionsValidator : IValidateOptions<PingOptions>;

[OptionsValidator]
internal sealed partial class GroupCommitOptionsValidator : IValidateOptions<GroupCommitOptions>;

[OptionsValidator]
internal sealed partial class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>;

[OptionsValidator]
internal sealed partial class ClusterSettingsValidator : IValidateOptions<ClusterSettings>;

[OptionsValidator]
internal sealed partial class AnalyticsOptionsValidator : IValidateOptions<AnalyticsOptions>;

[OptionsValidator]
internal sealed partial class LimitOptionsValidator : IValidateOptions<LimitOptions>;
