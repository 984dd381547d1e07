using Inbox.Core.Automation;

namespace Inbox.Tests.Core.Automation;

public sealed class FaqMatcherTests
{
    private static readonly FaqMatcher.Candidate[] s_faqs =
    [
        new(1, ["do you ship to", "delivery time", "livrez-vous à"]),
        new(2, ["opening hours", "are you open", "horaires d'ouverture"]),
        new(3, ["return policy", "can I return"]),
    ];

    [Theory]
    [InlineData("Hi! Do you ship to Lyon?", 1)]
    [InlineData("DO YOU SHIP TO BELGIUM", 1)]
    [InlineData("What's the delivery time for Paris?", 1)]
    [InlineData("Bonjour, livrez vous a Lyon ?", 1)]                  // no accent, no hyphen
    [InlineData("Quels sont vos horaires d’ouverture ?", 2)]         // typographic apostrophe
    [InlineData("Are you open on Sundays?", 2)]
    [InlineData("Can I return a candle I don't like?", 3)]
    public void Questions_asked_in_other_words_case_and_accents_still_match(string message, long expected)
    {
        Assert.Equal(expected, FaqMatcher.Best(message, s_faqs)?.ReplyId);
    }

    [Theory]
    [InlineData("My order arrived broken")]
    [InlineData("Do you sell gift cards?")]            // shares "do you" with a trigger, not enough of it
    [InlineData("")]
    [InlineData("?!")]
    public void Near_misses_get_no_automatic_answer(string message)
    {
        Assert.Null(FaqMatcher.Best(message, s_faqs));
    }

    [Fact]
    public void A_plural_matches_its_singular()
    {
        Assert.Equal(3, FaqMatcher.Best("What are your returns policies?", s_faqs)?.ReplyId);
    }

    [Fact]
    public void Words_are_lowered_and_stripped_of_accents_and_punctuation()
    {
        Assert.Equal(["a", "bientot", "merci"], FaqMatcher.Words("À bientôt, merci!"));
    }
}
