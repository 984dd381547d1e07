using System.Globalization;
using static Inbox.Web.Sandbox.SandboxHistory;

namespace Inbox.Web.Sandbox;

/// <summary>
/// Makes up a candle shop's last six weeks: people asking about orders, scents and opening hours, answered within
/// minutes or hours, a few still waiting; posts with comments and the Page's answers. The same Page and day give
/// the same history, so a resumed import finds what it left.
/// </summary>
internal static class SandboxHistoryScript
{
    private static readonly string[] s_names =
    [
        "Léa Martin", "Hugo Bernard", "Chloé Petit", "Lucas Robert", "Manon Richard", "Nathan Durand", "Emma Dubois", "Louis Moreau",
        "Jade Laurent", "Gabriel Simon", "Sarah Lefebvre", "Arthur Michel", "Olivia Brown", "James Wilson", "Mia Garcia", "Noah Smith",
    ];

    private static readonly string[] s_questions =
    [
        "Hello, is my order on its way? I ordered last week.", "Bonjour, avez-vous la bougie figue en grand format ?",
        "Do you ship to Belgium?", "What time do you open on Saturday?", "Can I still change the scent of my order?",
        "My candle arrived broken, what can I do?", "Faites-vous des coffrets cadeaux pour Noël ?", "Is the soy wax vegan?",
        "How long does the 200 g candle burn?", "Can I pick up my order at the workshop?", "Vous livrez en point relais ?",
        "Do you have a discount code for a first order?", "I'd like to order 30 candles for a wedding, is that possible?",
    ];

    private static readonly string[] s_followUps =
    [
        "Thank you!", "Merci beaucoup !", "Great, I'll order today.", "And how much is shipping?", "Perfect 👍", "OK, I'll wait then.",
        "Could you send me the tracking number?", "Super, à samedi !",
    ];

    private static readonly string[] s_answers =
    [
        "Hello! Your order left our workshop yesterday; you will get the tracking link by email today.",
        "Bonjour ! Oui, la figue existe en 200 g et en 400 g, toutes deux en stock.",
        "Yes, we ship to Belgium in 2 to 4 working days.", "We are open on Saturday from 10:00 to 18:00.",
        "Of course, tell us the scent you would like and we will change it before shipping.",
        "We are so sorry! Send us a photo and we will send a new one at once.", "Oui, nos coffrets de Noël sont en ligne depuis lundi.",
        "Yes, our wax is 100% soy and vegan.", "About 45 hours, with the wick trimmed to 5 mm.", "Happy to help, have a lovely day!",
    ];

    private static readonly string[] s_posts =
    [
        "Our Christmas collection is here: fig, cinnamon and cedar 🎄", "Workshop open house this Saturday, come and pour your own candle!",
        "Nouvelle bougie : Thé noir & bergamote.", "How we choose our wicks: a short thread.", "Back in stock: the 400 g Fig candle.",
        "Behind the scenes: a morning at the workshop.", "Winter opening hours", "Gift cards are back!",
    ];

    private static readonly string[] s_comments =
    [
        "Ça sent tellement bon 😍", "Do you ship to Canada?", "Is there a vegan option?", "Magnifique !", "What is the price of the big one?",
        "J'ai offert la cannelle à ma mère, elle adore.", "Can I book for Saturday?", "Any discount for students?",
    ];

    public static PageHistory MakeUp(string pageId, DateTimeOffset now, int threads, int posts)
    {
        // One seed per Page and day: the same history on every node and after a restart on the same day.
        var random = new Random(StableSeed($"{pageId}/{now:yyyy-MM-dd}"));
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var made = new List<HistoryThread>();
        for (var i = 0; i < threads; i++)
        {
            var psid = "71" + Digits(pageId + "/psid/" + i, 14);
            var at = day.AddDays(-random.Next(0, 42)).AddMinutes(random.Next(8 * 60, 20 * 60));
            var messages = new List<HistoryMessage>();
            var exchanges = random.Next(1, 6);
            for (var e = 0; e < exchanges && at < now; e++)
            {
                messages.Add(new(Id("m_", $"{pageId}/{i}/{messages.Count}"), at, false, e == 0 ? Pick(random, s_questions) : Pick(random, s_followUps)));
                at = at.AddMinutes(random.Next(1, 200));
                // Most people get an answer; the last one of a recent thread may still wait for it.
                if (at < now && (e < exchanges - 1 || random.Next(0, 5) > 0))
                {
                    messages.Add(new(Id("m_", $"{pageId}/{i}/{messages.Count}"), at, true, Pick(random, s_answers)));
                    at = at.AddMinutes(random.Next(2, 600));
                }
            }
            if (messages.Count > 0)
            {
                made.Add(new HistoryThread(Id("t_", $"{pageId}/thread/{i}"), psid, s_names[i % s_names.Length], messages));
            }
        }
        var postList = new List<Post>();
        for (var p = 0; p < posts; p++)
        {
            var postNumber = Digits($"{pageId}/post/{p}", 15);
            var postAt = day.AddDays(-random.Next(1, 40)).AddHours(random.Next(9, 19));
            var comments = new List<HistoryComment>();
            var commentAt = postAt;
            for (var c = 0; c < random.Next(2, 7); c++)
            {
                commentAt = commentAt.AddMinutes(random.Next(5, 900));
                if (commentAt >= now)
                {
                    break;
                }
                var author = random.Next(0, s_names.Length);
                var id = $"{postNumber}_{Digits($"{pageId}/post/{p}/comment/{c}", 15)}";
                comments.Add(new(id, "10" + Digits($"user/{author}", 14), s_names[author], commentAt, Pick(random, s_comments), null));
                if (random.Next(0, 3) == 0 && commentAt.AddMinutes(30) < now)
                {
                    comments.Add(new($"{postNumber}_{Digits($"{pageId}/post/{p}/reply/{c}", 15)}", pageId, "Page", commentAt.AddMinutes(30), Pick(random, s_answers), id));
                }
            }
            postList.Add(new Post($"{pageId}_{postNumber}", s_posts[p % s_posts.Length], postAt, comments));
        }
        return new PageHistory([.. made.OrderByDescending(t => t.UpdatedAt)], [.. postList.OrderByDescending(p => p.At)]);
    }

    private static string Pick(Random random, string[] lines) => lines[random.Next(0, lines.Length)];

    private static int StableSeed(string text) => BitConverter.ToInt32(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static string Digits(string seed, int count)
    {
        var value = (ulong)StableSeed(seed) * 2_654_435_761UL + (ulong)StableSeed(seed + "#");
        return (value % (ulong)Math.Pow(10, Math.Min(count, 18))).ToString(CultureInfo.InvariantCulture).PadLeft(count, '1')[..count];
    }
}
