using Inbox.Core.Conversations;
using Inbox.Tests.Support;
using Inbox.Web.Sandbox;

namespace Inbox.Tests.Web;

public sealed class ContactProfileTests : IAsyncLifetime
{
    private readonly InboxAppFactory _app = new();

    public Task InitializeAsync()
    {
        _app.StartOnLoopback();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_new_contact_gets_its_name_from_the_user_profile_api()
    {
        await _app.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-named", "Hi", "Léa Martin", CancellationToken.None);

        var conversation = await Eventually.ReturnsAsync(
            async () => (await _app.Service<ConversationStore>().ListAsync(0, 10, CancellationToken.None)).FirstOrDefault(c => c.ContactName is not null),
            "the contact's name");

        Assert.Equal("Léa Martin", conversation.DisplayName);
    }

    [Fact]
    public async Task A_person_without_a_profile_keeps_a_clear_placeholder()
    {
        await _app.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "7100000000004242", "Hi", null, CancellationToken.None);
        await _app.Service<SandboxGraph>().CustomerWritesAsync(Fixture.DemoPageId, "psid-after", "Hello", "Sam After", CancellationToken.None);

        // Profiles are fetched in order, so once the second has its name the first has been asked too.
        await Eventually.TrueAsync(
            async () => (await _app.Service<ConversationStore>().ListAsync(0, 10, CancellationToken.None)).Any(c => c.ContactName == "Sam After"),
            "the second contact's name");
        var nameless = (await _app.Service<ConversationStore>().ListAsync(0, 10, CancellationToken.None)).Single(c => c.Psid == "7100000000004242");
        Assert.Null(nameless.ContactName);
        Assert.Equal("Messenger user …4242", nameless.DisplayName);
    }
}
