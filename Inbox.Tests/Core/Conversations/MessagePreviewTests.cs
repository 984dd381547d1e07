using System.Globalization;
using Inbox.Core;
using Inbox.Core.Conversations;
using Inbox.Core.Meta;

namespace Inbox.Tests.Core.Conversations;

public sealed class MessagePreviewTests
{
    [Fact]
    public void Inbox_writes_its_own_words_in_english_and_a_french_reader_sees_them_in_french()
    {
        var voice = InLanguage("fr", () => MessagePreview.For(null, [new Attachment("audio", "https://cdn.example/a.mp4", null, null)]));
        var ad = InLanguage("fr", () => MessagePreview.CameFrom(ConversationOrigin.Ads));

        Assert.Equal("Voice message", voice);
        Assert.Equal("Came from an ad", ad);
        Assert.Equal("Message vocal", InLanguage("fr", () => MessagePreview.Shown(voice)));
        Assert.Equal("Arrivée via une publicité", InLanguage("fr", () => MessagePreview.Shown(ad)));
        Assert.Equal("Voice message", InLanguage("en", () => MessagePreview.Shown(voice)));
    }

    [Fact]
    public void What_the_customer_wrote_is_shown_as_written()
    {
        Assert.Equal("Bonjour, vous livrez à Lyon ?", InLanguage("fr", () => MessagePreview.Shown("Bonjour, vous livrez à Lyon ?")));
    }

    private static T InLanguage<T>(string language, Func<T> read) => CoreText.InLanguage(CultureInfo.GetCultureInfo(language), read);
}
