using Inbox.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Inbox.Tests.Core.Storage;

/// <summary>
/// Which errors say nothing about the data being written: the ingest worker retries those later instead of
/// dead-lettering the delivery it was applying.
/// </summary>
[Trait("Category", "Faults")]
public sealed class StorageFaultTests
{
    [Theory]
    [InlineData(5, true)]    // SQLITE_BUSY: another process holds the lock
    [InlineData(6, true)]    // SQLITE_LOCKED
    [InlineData(13, true)]   // SQLITE_FULL: the disk is full
    [InlineData(10, true)]   // SQLITE_IOERR
    [InlineData(522, true)]  // SQLITE_IOERR_SHORT_READ, an extended code of IOERR
    [InlineData(19, false)]  // SQLITE_CONSTRAINT: about the data
    [InlineData(1, false)]   // SQLITE_ERROR: a bad statement
    public void Storage_faults_pass_and_data_errors_do_not(int code, bool transient) =>
        Assert.Equal(transient, StorageFault.IsTransient(new SqliteException("test", code)));

    [Fact]
    public void A_storage_fault_wrapped_in_another_exception_is_still_one() =>
        Assert.True(StorageFault.IsTransient(new InvalidOperationException("wrapped", new SqliteException("busy", 5))));

    [Fact]
    public void A_bug_is_not_a_storage_fault() => Assert.False(StorageFault.IsTransient(new InvalidOperationException("a bug")));
}
