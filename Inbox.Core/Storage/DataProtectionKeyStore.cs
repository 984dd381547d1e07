using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Inbox.Core.Storage;

/// <summary>
/// Keeps Data Protection keys in the database, so sign-in cookies and encrypted Page tokens survive restarts
/// and every node of an installation shares them. The framework calls this synchronously and rarely.
/// </summary>
public sealed class DataProtectionKeyStore(Database database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return [.. connection.Query<string>("SELECT xml FROM data_protection_keys").Select(XElement.Parse)];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        connection.Execute(
            "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@Name, @Xml) ON CONFLICT (friendly_name) DO NOTHING",
            new { Name = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}
