using PingActors.Testing.SourceDesigns;

namespace PingActors.Import.Tests.Importing;

/// <summary>A generated source of one design, imported once, with the API serving the result.</summary>
public abstract class ImportedSystemFixture(SourceDesign design) : IAsyncLifetime
{
    public ImportDatabases Databases { get; private set; } = null!;

    public ImportedApi Api { get; private set; } = null!;

    public int ExitCode { get; private set; }

    public string Output { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Databases = await ImportDatabases.CreateAsync(design);
        (ExitCode, Output) = await Databases.RunAsync();
        Api = await ImportedApi.StartAsync(Databases.Target.ConnectionString, Databases.Clock);
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Databases.DisposeAsync();
    }
}

public sealed class SeedImportFixture() : ImportedSystemFixture(SourceDesign.Seed);

public sealed class OlderImportFixture() : ImportedSystemFixture(SourceDesign.Older);
