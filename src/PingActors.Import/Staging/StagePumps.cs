using Npgsql;
using NpgsqlTypes;
using PingActors.Chats;
using PingActors.Import.Sources;

namespace PingActors.Import.Staging;

/// <summary>
/// Moves one row of a source query into its staging table, value by value in PostgreSQL's binary format, and
/// adds what is derived from it on the way (<see cref="DerivedColumns"/>, chat ids as <see cref="ChatId.For"/>
/// makes them).
/// </summary>
internal static class StagePumps
{
    public static string Columns(StagingKind kind) => kind switch
    {
        StagingKind.Pings => """
            source_table, id, sender, receiver, listing_id, message, status, created_at, updated_at, response_time_minutes,
            first_response_at, responded_at, response_message, message_id, chat_id, made_message_id, sender_valid, receiver_valid
            """,
        StagingKind.Chats => "id, listing_id, participant_a, participant_b, created_at, chat_id_a, chat_id_b, a_valid, b_valid",
        StagingKind.Messages => "id, chat_id, sender, body, created_at",
        _ => "username, daily_limit, default_limit, cooldown_until, spent_today, username_valid",
    };

    public static Task RowAsync(StagingKind kind, NpgsqlBinaryExporter reader, NpgsqlBinaryImporter writer, CancellationToken cancellationToken) => kind switch
    {
        StagingKind.Pings => PingAsync(reader, writer, cancellationToken),
        StagingKind.Chats => ChatAsync(reader, writer, cancellationToken),
        StagingKind.Messages => MessageAsync(reader, writer, cancellationToken),
        _ => LimitAsync(reader, writer, cancellationToken),
    };

    private static async Task PingAsync(NpgsqlBinaryExporter reader, NpgsqlBinaryImporter writer, CancellationToken cancellationToken)
    {
        await Text(writer, await Text(reader, cancellationToken), cancellationToken);
        var id = await Uuid(reader, cancellationToken);
        var sender = await Text(reader, cancellationToken);
        var receiver = await Text(reader, cancellationToken);
        var listing = await Uuid(reader, cancellationToken);
        await Uuid(writer, id, cancellationToken);
        await Text(writer, sender, cancellationToken);
        await Text(writer, receiver, cancellationToken);
        await Uuid(writer, listing, cancellationToken);
        await Text(writer, await Text(reader, cancellationToken), cancellationToken);
        await Text(writer, await Text(reader, cancellationToken), cancellationToken);
        await Time(writer, await Time(reader, cancellationToken), cancellationToken);
        await Time(writer, await Time(reader, cancellationToken), cancellationToken);
        await Number(writer, await Number(reader, cancellationToken), cancellationToken);
        await Time(writer, await Time(reader, cancellationToken), cancellationToken);
        await Time(writer, await Time(reader, cancellationToken), cancellationToken);
        await Text(writer, await Text(reader, cancellationToken), cancellationToken);
        await Uuid(writer, await Uuid(reader, cancellationToken), cancellationToken);
        await Uuid(writer, listing is { } l && sender is not null ? ChatId.For(l, sender) : null, cancellationToken);
        await Uuid(writer, id is { } p ? DerivedColumns.MadeMessageId(p) : null, cancellationToken);
        await writer.WriteAsync(DerivedColumns.IsValidUsername(sender), NpgsqlDbType.Boolean, cancellationToken);
        await writer.WriteAsync(DerivedColumns.IsValidUsername(receiver), NpgsqlDbType.Boolean, cancellationToken);
    }

    private static async Task ChatAsync(NpgsqlBinaryExporter reader, NpgsqlBinaryImporter writer, CancellationToken cancellationToken)
    {
        await Uuid(writer, await Uuid(reader, cancellationToken), cancellationToken);
        var listing = await Uuid(reader, cancellationToken);
        var a = await Text(reader, cancellationToken);
        var b = await Text(reader, cancellationToken);
        await Uuid(writer, listing, cancellationToken);
        await Text(writer, a, cancellationToken);
        await Text(writer, b, cancellationToken);
        await Time(writer, await Time(reader, cancellationToken), cancellationToken);
        await Uuid(writer, listing is { } l && a is not null ? ChatId.For(l, a) : null, cancellationToken);
        await Uuid(writer, listing is { } m && b is not null ? ChatId.For(m, b) : null, cancellationToken);
        await writer.WriteAsync(DerivedColumns.IsValidUsername(a), NpgsqlDbType.Boolean, cancellationToken);
        await writer.WriteAsync(DerivedColumns.IsValidUsername(b), NpgsqlDbType.Boolean, cancellationToken);
    }

    private static async Task MessageAsync(NpgsqlBinaryExporter reader, NpgsqlBinaryImporter writer, CancellationToken cancellationToken)
    {
        await Uuid(writer, await Uuid(reader, cancellationToken), cancellationToken);
        await Uuid(writer, await Uuid(reader, cancellationToken), cancellationToken);
        await Text(writer, await Text(reader, cancellationToken), cancellationToken);
        await Text(writer, await Text(reader, cancellationToken), cancellationToken);
        await Time(writer, await Time(reader, cancellationToken), cancellationToken);
    }

    private static async Task LimitAsync(NpgsqlBinaryExporter reader, NpgsqlBinaryImporter writer, CancellationToken cancellationToken)
    {
        var username = await Text(reader, cancellationToken);
        await Text(writer, username, cancellationToken);
        await Number(writer, await Number(reader, cancellationToken), cancellationToken);
        await Number(writer, await Number(reader, cancellationToken), cancellationToken);
        await Time(writer, await Time(reader, cancellationToken), cancellationToken);
        await Number(writer, await Number(reader, cancellationToken), cancellationToken);
        await writer.WriteAsync(DerivedColumns.IsValidUsername(username), NpgsqlDbType.Boolean, cancellationToken);
    }

    private static async ValueTask<Guid?> Uuid(NpgsqlBinaryExporter reader, CancellationToken cancellationToken) =>
        await NullAsync(reader, cancellationToken) ? null : await reader.ReadAsync<Guid>(NpgsqlDbType.Uuid, cancellationToken);

    private static async ValueTask<string?> Text(NpgsqlBinaryExporter reader, CancellationToken cancellationToken) =>
        await NullAsync(reader, cancellationToken) ? null : await reader.ReadAsync<string>(NpgsqlDbType.Text, cancellationToken);

    private static async ValueTask<DateTime?> Time(NpgsqlBinaryExporter reader, CancellationToken cancellationToken) =>
        await NullAsync(reader, cancellationToken) ? null : await reader.ReadAsync<DateTime>(NpgsqlDbType.TimestampTz, cancellationToken);

    private static async ValueTask<int?> Number(NpgsqlBinaryExporter reader, CancellationToken cancellationToken) =>
        await NullAsync(reader, cancellationToken) ? null : await reader.ReadAsync<int>(NpgsqlDbType.Integer, cancellationToken);

    private static async ValueTask<bool> NullAsync(NpgsqlBinaryExporter reader, CancellationToken cancellationToken)
    {
        if (!reader.IsNull)
        {
            return false;
        }

        await reader.SkipAsync(cancellationToken);
        return true;
    }

    private static Task Uuid(NpgsqlBinaryImporter writer, Guid? value, CancellationToken cancellationToken) =>
        value is { } v ? writer.WriteAsync(v, NpgsqlDbType.Uuid, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    private static Task Text(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken) =>
        value is not null ? writer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    private static Task Time(NpgsqlBinaryImporter writer, DateTime? value, CancellationToken cancellationToken) =>
        value is { } v ? writer.WriteAsync(v, NpgsqlDbType.TimestampTz, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    private static Task Number(NpgsqlBinaryImporter writer, int? value, CancellationToken cancellationToken) =>
        value is { } v ? writer.WriteAsync(v, NpgsqlDbType.Integer, cancellationToken) : writer.WriteNullAsync(cancellationToken);
}
