using Inbox.Core.Meta;

namespace Inbox.Tests.Core.Meta;

public sealed class BusinessUseCaseUsageTests
{
    [Theory]
    [InlineData("""{"104857600000001":[{"type":"messenger","call_count":100,"total_cputime":20,"total_time":25,"estimated_time_to_regain_access":7}]}""", 7.0)]
    [InlineData("""{"1":[{"type":"messenger","estimated_time_to_regain_access":2}],"2":[{"type":"pages","estimated_time_to_regain_access":11}]}""", 11.0)]
    [InlineData("""{"1":[{"type":"messenger","call_count":40,"estimated_time_to_regain_access":0}]}""", null)]
    [InlineData("not json", null)]
    [InlineData("", null)]
    public void The_longest_wait_meta_names_is_honoured_and_anything_unreadable_ignored(string header, double? minutes)
    {
        Assert.Equal(minutes is null ? null : TimeSpan.FromMinutes(minutes.Value), BusinessUseCaseUsage.RegainAccessAfter(header));
    }
}
