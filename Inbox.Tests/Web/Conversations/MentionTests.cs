using Bunit;
using Inbox.Core.Conversations;
using Inbox.Web.Features.Inbox;

namespace Inbox.Tests.Web.Conversations;

public sealed class MentionTests : BunitContext
{
    private static readonly IReadOnlyList<(long Id, string Name)> s_people = [(1, "Sam Taylor"), (2, "Ana Costa"), (3, "Samia Benali")];

    [Theory]
    [InlineData("Can you check @sa", true, new[] { "Sam Taylor", "Samia Benali" })]
    [InlineData("@co", true, new[] { "Ana Costa" })]
    [InlineData("@", true, new[] { "Sam Taylor", "Ana Costa", "Samia Benali" })]
    [InlineData("mail ana@shop.example", true, new string[0])]
    [InlineData("@sa and more", true, new string[0])]
    [InlineData("@sa", false, new string[0])]
    public void The_word_being_typed_after_an_at_sign_lists_teammates_in_a_note_only(string text, bool note, string[] names)
    {
        var suggestions = new MentionSuggestions();

        suggestions.Update(text, note, s_people);

        Assert.Equal(names, suggestions.Matches.Select(m => m.Name));
        Assert.Equal(names.Length > 0, suggestions.Open);
    }

    [Fact]
    public void Keys_move_pick_and_close_and_picking_writes_the_full_name()
    {
        var suggestions = new MentionSuggestions();
        suggestions.Update("Ask @sa", note: true, s_people);

        Assert.False(suggestions.Key("ArrowDown", out _));
        Assert.True(suggestions.Key("Enter", out var picked));
        Assert.Equal("Samia Benali", picked.Name);
        Assert.Equal("Ask @Samia Benali ", MentionSuggestions.Insert("Ask @sa", "Samia Benali"));
        Assert.False(suggestions.Key("Escape", out _));
        Assert.False(suggestions.Open);
    }

    [Fact]
    public void A_note_marks_its_mentions_and_shows_the_rest_as_text()
    {
        var note = Render<NoteText>(p => p.Add(n => n.Text, "<b>@Sam Taylor</b> and @ana please check").Add(n => n.People, s_people));

        Assert.Equal(["@ana"], note.FindAll("mark.mention").Select(m => m.TextContent));
        Assert.Empty(note.FindAll("b"));
        Assert.Equal("<b>@Sam Taylor</b> and @ana please check", note.Markup.Replace("<mark class=\"mention\">", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal)
            .Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal));
    }

    [Fact]
    public void Mention_spans_cover_the_longest_name_that_follows_the_at_sign()
    {
        var spans = NoteStore.MentionSpans("@Sam Taylor, and @sam again", s_people);

        Assert.Equal([(0, 11, 1L), (17, 4, 1L)], spans.Select(s => (s.Start, s.Length, s.UserId)));
    }
}
