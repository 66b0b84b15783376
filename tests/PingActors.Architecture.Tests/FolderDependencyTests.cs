using System.Reflection;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using PingActors.Api;
using PingActors.Operations.Health;
using PingActors.Users;
using static ArchUnitNET.Fluent.Slices.SliceRuleDefinition;

namespace PingActors.Architecture.Tests;

/// <summary>
/// Inside each project, the folders (one namespace each) depend on each other one way only: no folder uses a
/// type of a folder that uses one of its own, directly or round a longer loop. Read from the compiled
/// assemblies, so every use counts, not just the using directives.
/// </summary>
public sealed class FolderDependencyTests
{
    public static TheoryData<string, string> Projects => new()
    {
        { typeof(IUserGrain).Assembly.GetName().Name!, "PingActors.(*).." },
        { typeof(UserGrain).Assembly.GetName().Name!, "PingActors.(*).." },
        { typeof(HealthEndpoints).Assembly.GetName().Name!, "PingActors.Operations.(*).." },
        { typeof(ApiApplication).Assembly.GetName().Name!, "PingActors.Api.(*).." },
        { "PingActors.Benchmarks", "PingActors.Benchmarks.(*).." },
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Folders_OfEachProject_DependOnEachOtherOneWayOnly(string assembly, string folders)
    {
        var architecture = new ArchLoader().LoadAssemblies(Assembly.Load(assembly)).Build();

        Slices().Matching(folders).Should().BeFreeOfCycles().Check(architecture);
    }
}
