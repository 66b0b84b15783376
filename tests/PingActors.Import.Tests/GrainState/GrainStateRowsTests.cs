using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PingActors.Import.GrainState;
using PingActors.Listings;
using PingActors.Storage;
using PingActors.Testing;
using PingActors.Users;

namespace PingActors.Import.Tests.GrainState;

/// <summary>
/// The import writes listings' and users' grain state as rows of its own making; the grains find them (and a later
/// write of theirs replaces them) only if they are the very rows Orleans' ADO.NET provider writes.
/// </summary>
public sealed class GrainStateRowsTests
{
    [Fact]
    public async Task GrainStateRows_AreTheRowsTheProviderWritesForTheSameGrainsAndStates()
    {
        await using var target = await TestDatabase.CreateAsync();
        await using var api = await ImportedApi.StartAsync(target.ConnectionString, new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T12:00:00Z", CultureInfo.InvariantCulture)));
        var listingId = Guid.NewGuid();
        var owner = await api.SignInAsync("row.owner");
        (await owner.PutAsJsonAsync($"/v1/listings/{listingId}", new { title = "Bike" })).EnsureSuccessStatusCode();
        var admin = await api.SignInAsync("row.admin", "admin");
        (await admin.PutAsJsonAsync("/v1/admin/users/row.sender/limits", new { dailyLimit = 7 })).EnsureSuccessStatusCode();

        var rows = new GrainStateRows(api.Services);
        var (listing, listingPayload) = await StoredAsync(target, GrainStateRows.ListingStateName);
        var (user, userPayload) = await StoredAsync(target, GrainStateRows.UserStateName);
        var listingState = rows.Read<ListingState>(StorageNames.Listings, listingPayload)!;
        var userState = rows.Read<UserState>(StorageNames.Users, userPayload)!;

        Assert.Equal(("row.owner", 7), (listingState.Owner, userState.DailyLimit));
        Assert.Equal(listing, Columns(rows.Listing(listingId, listingState)));
        Assert.Equal(user, Columns(rows.User("row.sender", userState)));
    }

    private static Stored Columns(GrainStateRow row) => new(
        row.GrainIdHash, row.GrainIdN0, row.GrainIdN1, row.GrainTypeHash, row.GrainTypeString, row.GrainIdExtensionString, row.ServiceId, Convert.ToHexString(row.Payload));

    private static async Task<(Stored Row, byte[] Payload)> StoredAsync(TestDatabase target, string grainType)
    {
        await using var connection = await target.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary FROM OrleansStorage WHERE GrainTypeString = $1",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainType });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var payload = reader.GetFieldValue<byte[]>(7);
        var stored = new Stored(
            reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt32(3), reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), Convert.ToHexString(payload));
        Assert.False(await reader.ReadAsync());
        return (stored, payload);
    }

    /// <summary>A stored row's columns, the payload as hex so that equal rows compare equal.</summary>
    private sealed record Stored(int GrainIdHash, long GrainIdN0, long GrainIdN1, int GrainTypeHash, string GrainTypeString, string? Extension, string ServiceId, string PayloadHex);
}
