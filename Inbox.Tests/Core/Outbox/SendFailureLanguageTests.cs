using System.Globalization;
using Inbox.Core;
using Inbox.Core.Meta;
using Inbox.Core.Outbox;

namespace Inbox.Tests.Core.Outbox;

public sealed class SendFailureLanguageTests
{
    [Fact]
    public void A_reason_the_worker_stored_in_english_is_told_in_the_readers_language()
    {
        var stored = InLanguage("", () => SendFailure.Explain(new GraphError(10, 2018278, "", null, null, null), attempts: 1));

        var french = InLanguage("fr", () => SendFailure.Describe(stored.Code, stored.Reason));

        Assert.Equal("Messenger's 24-hour window had closed when this was sent.", stored.Reason);
        Assert.StartsWith("La fenêtre de 24", french, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_with_metas_own_words_or_an_unknown_code_is_shown_as_stored()
    {
        Assert.Equal("Meta said something new.", InLanguage("fr", () => SendFailure.Describe("10/2018278", "Meta said something new.")));
        Assert.Equal("Older wording", InLanguage("fr", () => SendFailure.Describe(null, "Older wording")));
    }

    private static T InLanguage<T>(string language, Func<T> read) => CoreText.InLanguage(CultureInfo.GetCultureInfo(language), read);
}
