using System.Text;
using System.Text.Json.Nodes;

namespace Inbox.Tests.Support;

/// <summary>
/// Turns real-format deliveries into what a careless or hostile sender might post: a field removed, a value of the
/// wrong type, null, empty, huge, an element repeated, or the JSON cut short. Seeded, so a failure can be replayed.
/// </summary>
public sealed class DeliveryMutator(int seed)
{
    private static readonly Func<Random, JsonNode?>[] s_replacements =
    [
        _ => null,
        _ => JsonValue.Create(0),
        _ => JsonValue.Create(-1),
        _ => JsonValue.Create(1e308),
        _ => JsonValue.Create(""),
        _ => JsonValue.Create("not what was expected"),
        _ => JsonValue.Create("99999999999999999999999999"),
        _ => JsonValue.Create(true),
        _ => new JsonArray(),
        _ => new JsonObject(),
        _ => new JsonObject { ["unexpected"] = new JsonArray(1, "two", null) },
        random => JsonValue.Create(new string('é', random.Next(1, 20_000))),
        _ => JsonValue.Create("<script>alert(1)</script>"),
        _ => JsonValue.Create("javascript:alert(1)"),
    ];

    private readonly Random _random = new(seed);

    public byte[] Mutate(byte[] delivery)
    {
        if (_random.Next(20) == 0)
        {
            return delivery[.._random.Next(1, delivery.Length)];
        }
        var root = JsonNode.Parse(delivery)!;
        var mutations = _random.Next(1, 4);
        for (var i = 0; i < mutations; i++)
        {
            MutateOnce(root);
        }
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private void MutateOnce(JsonNode root)
    {
        var nodes = Descendants(root).Where(node => node.Parent is not null).ToList();
        if (nodes.Count == 0)
        {
            return;
        }
        var target = nodes[_random.Next(nodes.Count)];
        var parent = target.Parent!;
        switch (_random.Next(4))
        {
            case 0 when parent is JsonObject owner:
                owner.Remove(target.GetPropertyName());
                break;
            case 1 when target is JsonValue value:
                Replace(parent, target, value.ToString() is var text && long.TryParse(text, out var number) && value.GetValueKind() == System.Text.Json.JsonValueKind.String
                    ? JsonValue.Create(number)
                    : JsonValue.Create(text));
                break;
            case 2 when parent is JsonArray array:
                array.Add(target.DeepClone());
                break;
            default:
                Replace(parent, target, s_replacements[_random.Next(s_replacements.Length)](_random));
                break;
        }
    }

    private static void Replace(JsonNode parent, JsonNode target, JsonNode? replacement)
    {
        if (parent is JsonObject owner)
        {
            owner[target.GetPropertyName()] = replacement;
        }
        else if (parent is JsonArray array)
        {
            array[target.GetElementIndex()] = replacement;
        }
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject owner => owner.Select(pair => pair.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
