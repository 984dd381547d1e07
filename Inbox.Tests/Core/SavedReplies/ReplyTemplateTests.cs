using Inbox.Core.SavedReplies;

namespace Inbox.Tests.Core.SavedReplies;

public sealed class ReplyTemplateTests
{
    private static readonly ReplyTemplate.Values s_all = ReplyTemplate.Values.For("Léa Martin", "Maison Lumière", "Camille");

    [Fact]
    public void Every_variable_is_filled_from_the_conversation()
    {
        Assert.Equal("Hi Léa Martin, Camille from Maison Lumière here.",
            ReplyTemplate.Fill("Hi {first_name} {last_name}, {agent_name} from {page_name} here.", s_all));
    }

    [Fact]
    public void A_variable_without_a_value_stays_visible_for_the_agent_to_fix()
    {
        var nameless = ReplyTemplate.Values.For(null, "Maison Lumière", "Camille");

        Assert.Equal("Hi {first_name}, welcome to Maison Lumière!", ReplyTemplate.Fill("Hi {first_name}, welcome to {page_name}!", nameless));
    }

    [Fact]
    public void An_unknown_variable_is_left_as_written_not_dropped()
    {
        Assert.Equal("Your order {order_number} ships today, Léa.", ReplyTemplate.Fill("Your order {order_number} ships today, {first_name}.", s_all));
        Assert.Equal(["order_number"], ReplyTemplate.UnknownVariables("Your order {order_number} for {first_name}"));
    }

    [Fact]
    public void A_single_name_is_a_first_name()
    {
        Assert.Equal("Hi Cher!", ReplyTemplate.Fill("Hi {first_name}!", ReplyTemplate.Values.For("Cher", null, null)));
        Assert.Equal("{last_name}", ReplyTemplate.Fill("{last_name}", ReplyTemplate.Values.For("Cher", null, null)));
    }

    [Fact]
    public void Text_without_variables_and_other_braces_is_untouched()
    {
        Assert.Equal("Prices {from 20 €} and {}", ReplyTemplate.Fill("Prices {from 20 €} and {}", s_all));
    }
}
