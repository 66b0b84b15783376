using Microsoft.Extensions.Options;
using PingActors.Insights;

namespace PingActors.Hosting;

[OptionsValidator]
internal sealed partial class InsightOptionsValidator : IValidateOptions<InsightOptions>;
