using System.Data;
using Dapper;

namespace Inbox.Core.Storage;

/// <summary>Times are stored as Unix milliseconds (BIGINT), the unit Meta's Messenger timestamps use.</summary>
internal sealed class UnixMillisecondsHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override DateTimeOffset Parse(object value) => DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.Int64;
        parameter.Value = value.ToUnixTimeMilliseconds();
    }
}

internal sealed class NullableUnixMillisecondsHandler : SqlMapper.TypeHandler<DateTimeOffset?>
{
    public override DateTimeOffset? Parse(object value) =>
        value is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset? value)
    {
        parameter.DbType = DbType.Int64;
        parameter.Value = value is { } time ? time.ToUnixTimeMilliseconds() : DBNull.Value;
    }
}
