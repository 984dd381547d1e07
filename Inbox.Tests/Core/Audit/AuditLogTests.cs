using System.Globalization;
using Inbox.Core;
using Inbox.Core.Audit;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Audit;

public sealed class AuditLogTests
{
    [Fact]
    public async Task An_entry_is_kept_in_every_language_and_each_admin_reads_it_in_theirs()
    {
        using var db = new TestDatabase();
        await db.MigratedAsync();
        var audit = new AuditLog(db.Database, TimeProvider.System);

        // Written by a French-speaking admin: the entry is still English at heart, and French for French readers.
        await CoreText.InLanguage(CultureInfo.GetCultureInfo("fr"), () => audit.RecordAsync(null, AuditLog.Users,
            () => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? "Léa est désormais Responsable." : "Léa is now Manager.",
            CancellationToken.None));
        await audit.RecordAsync(null, AuditLog.Pages, "Connected the Page Shop (1), time zone UTC.", CancellationToken.None);

        var entries = await audit.ListAsync(10, CancellationToken.None);
        var role = entries.Single(e => e.Area == AuditLog.Users);
        Assert.Equal("Léa is now Manager.", role.Summary);
        Assert.Equal("Léa is now Manager.", role.SummaryIn(CultureInfo.GetCultureInfo("en")));
        Assert.Equal("Léa est désormais Responsable.", role.SummaryIn(CultureInfo.GetCultureInfo("fr")));
        // The command line writes English only; every reader gets that.
        Assert.Equal("Connected the Page Shop (1), time zone UTC.", entries.Single(e => e.Area == AuditLog.Pages).SummaryIn(CultureInfo.GetCultureInfo("fr")));
    }
}
