using Microsoft.Data.Sqlite;
using Npgsql;

namespace Inbox.Core.Storage;

/// <summary>
/// Tells a fault of the storage itself (locked, busy, disk full, I/O) from an error caused by what was being
/// written. The first passes: the work is tried again later, unchanged. The second is about the data and retrying
/// it would fail the same way for ever.
/// </summary>
public static class StorageFault
{
    // SQLite's primary result codes: https://sqlite.org/rescode.html
    private const int Busy = 5, Locked = 6, NoMemory = 7, ReadOnly = 8, IoError = 10, Full = 13, CantOpen = 14, Protocol = 15;

    public static bool IsTransient(Exception exception) => exception switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is Busy or Locked or NoMemory or ReadOnly or IoError or Full or CantOpen or Protocol,
        // Npgsql's own judgement: a lost connection, a server shutting down, a deadlock or serialization failure.
        NpgsqlException npgsql when npgsql.IsTransient => true,
        TimeoutException => true,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}
