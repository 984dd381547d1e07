using System.Globalization;
using System.Text.Json;
using static Inbox.Core.Meta.JsonFields;

namespace Inbox.Core.Meta;

/// <summary>
/// Reads <c>message.attachments[]</c> as a person would want to see them. Meta's payload differs by type (a url, a
/// sticker id, coordinates, template or product cards, or an opaque string on legacy fallbacks), so each attachment is
/// read from its JSON and kept whole in <see cref="Attachment.Raw"/>.
/// </summary>
internal static class MetaAttachments
{
    public static IReadOnlyList<Attachment> Read(JsonElement? attachments)
    {
        if (attachments is not { ValueKind: JsonValueKind.Array } list)
        {
            return [];
        }
        var read = new List<Attachment>();
        foreach (var attachment in list.EnumerateArray())
        {
            if (attachment.ValueKind == JsonValueKind.Object)
            {
                read.AddRange(ReadOne(attachment));
            }
        }
        return read;
    }

    private static List<Attachment> ReadOne(JsonElement attachment)
    {
        var type = Text(attachment, "type") ?? "unknown";
        var payload = Object(attachment, "payload") ?? default;
        // A product the person asks about, or a card of a template: one attachment per card, each with its picture.
        var product = Object(payload, "product");
        var cards = product is { } shop ? Array(shop, "elements") : Array(payload, "elements");
        var read = cards.Where(card => card.ValueKind == JsonValueKind.Object).Select(card => new Attachment(
            product is null ? type : "product",
            Text(card, "url") ?? (Object(card, "default_action") is { } action ? Text(action, "url") : null) ?? Text(card, "item_url"),
            Text(card, "title"),
            null)
        {
            Subtitle = Text(card, "subtitle"),
            ImageUrl = Text(card, "image_url"),
            Raw = card.Clone(),
        }).ToList();
        if (read.Count > 0)
        {
            return read;
        }
        return [new Attachment(
            type,
            Text(payload, "url") ?? Text(attachment, "url") ?? MapUrl(Object(payload, "coordinates")),
            Text(payload, "title") ?? Text(attachment, "title"),
            Int64(payload, "sticker_id"))
        {
            Raw = attachment.Clone(),
        }];
    }

    // A shared location carries only coordinates; a map link lets the agent open it.
    private static string? MapUrl(JsonElement? coordinates) =>
        coordinates is { } at && Double(at, "lat") is { } lat && Double(at, "long") is { } longitude
            ? string.Create(CultureInfo.InvariantCulture, $"https://www.openstreetmap.org/?mlat={lat}&mlon={longitude}#map=16/{lat}/{longitude}")
            : null;
}
