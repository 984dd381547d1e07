using Bunit;
using Inbox.Core.SavedReplies;
using Inbox.Web.Features.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Tests.Web.Conversations;

public sealed class SavedReplyPickerTests : BunitContext
{
    private static readonly SavedReply[] s_replies =
    [
        new() { Id = 1, Title = "Greeting", Shortcut = "hello", Language = "en", Body = "Hi {first_name}, how can I help?" },
        new() { Id = 2, Title = "Shipping times", Shortcut = "shipping", Language = "en", Body = "We ship within 2 days." },
        new() { Id = 3, Title = "Mine", Shortcut = "mine", Language = "fr", Body = "Bonne journée, {first_name} !", OwnerUserId = 7 },
    ];

    public SavedReplyPickerTests() => Services.AddLocalization();

    [Fact]
    public void It_lists_the_matches_filled_for_the_conversation_with_the_selection_marked()
    {
        var picker = Render<SavedReplyPicker>(p => p
            .Add(x => x.Matches, SavedReplySearch.Filter(s_replies, ""))
            .Add(x => x.SelectedIndex, 1)
            .Add(x => x.Values, ReplyTemplate.Values.For("Léa Martin", "Maison Lumière", "Camille")));

        var options = picker.FindAll("[role=option]");
        Assert.Equal(3, options.Count);
        Assert.Equal("true", options[1].GetAttribute("aria-selected"));
        Assert.Contains(options, o => o.TextContent.Contains("Hi Léa, how can I help?", StringComparison.Ordinal));
        Assert.Contains(options, o => o.TextContent.Contains("personal", StringComparison.Ordinal));
    }

    [Fact]
    public void Filtering_as_you_type_narrows_the_list_and_says_when_nothing_matches()
    {
        var values = ReplyTemplate.Values.For(null, null, null);
        var picker = Render<SavedReplyPicker>(p => p.Add(x => x.Matches, SavedReplySearch.Filter(s_replies, "ship")).Add(x => x.Query, "ship").Add(x => x.Values, values));

        Assert.Single(picker.FindAll("[role=option]"));

        picker.Render(p => p.Add(x => x.Matches, SavedReplySearch.Filter(s_replies, "zebra")).Add(x => x.Query, "zebra"));

        Assert.Empty(picker.FindAll("[role=option]"));
        Assert.Contains("No saved reply matches “zebra”", picker.Find(".reply-picker-empty").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Clicking_an_option_picks_it()
    {
        SavedReply? picked = null;
        var picker = Render<SavedReplyPicker>(p => p
            .Add(x => x.Matches, s_replies)
            .Add(x => x.Values, ReplyTemplate.Values.For(null, null, null))
            .Add(x => x.OnPick, reply => picked = reply));

        picker.FindAll("[role=option]")[2].Click();

        Assert.Equal(3, picked!.Id);
    }
}
