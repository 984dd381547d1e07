using Inbox.Core.Conversations;
using Inbox.Tests.Support;
using Inbox.Web.Demo;

namespace Inbox.Tests.Web;

public sealed class CustomerSimulatorTests
{
    [Fact]
    public async Task In_demo_mode_scripted_customers_write_in_through_the_signed_webhook()
    {
        await using var app = new InboxAppFactory { SimulatorMessagesPerMinute = 1200 };
        app.StartOnLoopback();
        var script = await SimulatorScript.LoadAsync(SeedData.Folder, CancellationToken.None);

        var conversations = await Eventually.ReturnsAsync(async () =>
        {
            var list = await app.Service<ConversationStore>().ListAsync(0, 100, CancellationToken.None);
            return list.Count >= script.Customers.Count ? list : null;
        }, "every scripted customer to have written");

        Assert.Equal(script.Customers.Select(c => c.Psid).Order(), conversations.Select(c => c.Psid).Order());
        Assert.Contains(conversations, c => c.LastMessagePreview == "Bonjour ! Vous livrez à Lyon ?" || c.LastMessagePreview.StartsWith("Super.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_script_cycles_through_customers_and_their_lines()
    {
        var script = await SimulatorScript.LoadAsync(SeedData.Folder, CancellationToken.None);
        var count = script.Customers.Count;

        Assert.Equal((script.Customers[0], script.Customers[0].Lines[0]), Said(script.Message(0)));
        Assert.Equal((script.Customers[1], script.Customers[1].Lines[0]), Said(script.Message(1)));
        Assert.Equal((script.Customers[0], script.Customers[0].Lines[1]), Said(script.Message(count)));
        Assert.Equal(script.Message(0), script.Message(count * script.Customers[0].Lines.Count));
    }

    [Fact]
    public async Task A_customer_with_an_ad_writes_their_first_line_from_it()
    {
        var script = await SimulatorScript.LoadAsync(SeedData.Folder, CancellationToken.None);
        var index = script.Customers.ToList().FindIndex(c => c.Ad is not null);
        var count = script.Customers.Count;

        Assert.Equal(script.Customers[index].Ad!.AdTitle, script.Message(index).FromAd?.AdTitle);
        Assert.Equal("ADS", script.Message(index).FromAd?.Source);
        Assert.Null(script.Message(index + count).FromAd);
    }

    [Fact]
    public async Task A_customer_with_a_comment_posts_it_under_a_post_on_their_second_turn()
    {
        var script = await SimulatorScript.LoadAsync(SeedData.Folder, CancellationToken.None);
        var count = script.Customers.Count;

        Assert.Null(script.Comment(0));
        var comment = script.Comment(count);
        Assert.Equal(script.Customers[0].Comment, comment?.Text);
        Assert.Contains(comment!.Value.Post, script.Posts!);
    }

    private static (SimulatedCustomer, string) Said((SimulatedCustomer Customer, string Line, Inbox.Core.Meta.Referral? FromAd) message) => (message.Customer, message.Line);
}
