using Inbox.Core.Automation;
using Inbox.Web.Features.Settings;

namespace Inbox.Tests.Web.Settings;

public sealed class AutomationFormTests
{
    private static readonly PageAutomation s_page = new("100", "Europe/Paris", null, null, [], [], ManualStatus.Auto, null);

    [Fact]
    public void Choosing_french_for_customers_turns_the_default_away_message_french_and_is_saved()
    {
        var form = AutomationForm.From(s_page);
        Assert.Equal(PageAutomation.DefaultAwayMessage("en"), form.AwayMessage);

        form.ChangeCustomerLanguage("fr");

        Assert.StartsWith("Merci pour votre message", form.AwayMessage, StringComparison.Ordinal);
        Assert.Equal("fr", form.ApplyTo(s_page, text => text).CustomerLanguage);
    }

    [Fact]
    public void An_away_message_the_admin_wrote_is_kept_whatever_the_language()
    {
        var form = AutomationForm.From(s_page with { AwayMessage = "Fermé le dimanche, à lundi !" });

        form.ChangeCustomerLanguage("fr");
        form.ChangeCustomerLanguage("en");

        Assert.Equal("Fermé le dimanche, à lundi !", form.AwayMessage);
    }
}
