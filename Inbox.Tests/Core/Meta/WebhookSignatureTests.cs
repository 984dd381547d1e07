using System.Text;
using Inbox.Core.Meta;
using Inbox.Tests.Support;

namespace Inbox.Tests.Core.Meta;

public sealed class WebhookSignatureTests
{
    private const string Secret = "app-secret";

    [Fact]
    public void A_signature_made_with_the_secret_over_the_same_bytes_is_valid()
    {
        var body = Fixture.Bytes("text-message.json");

        Assert.True(WebhookSignature.IsValid(body, WebhookSignature.Sign(body, Secret), Secret));
    }

    [Fact]
    public void The_signature_is_lower_case_hex_of_hmac_sha256()
    {
        // Computed independently with Python's hmac module.
        Assert.Equal("sha256=ad5c6aa52b4bf4d1955ccd07b1393163fa5aa461e01cedabf58a512035063c49", WebhookSignature.Sign("hello"u8, Secret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=0123456789abcdef0123456789abcdef01234567")]
    [InlineData("sha256=zz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Missing_malformed_or_wrong_signatures_are_invalid(string? header)
    {
        Assert.False(WebhookSignature.IsValid(Fixture.Bytes("text-message.json"), header, Secret));
    }

    [Fact]
    public void A_signature_from_another_secret_is_invalid()
    {
        var body = Fixture.Bytes("text-message.json");

        Assert.False(WebhookSignature.IsValid(body, WebhookSignature.Sign(body, "other-secret"), Secret));
    }

    [Fact]
    public void A_tampered_body_is_invalid()
    {
        var body = Fixture.Bytes("text-message.json");
        var signature = WebhookSignature.Sign(body, Secret);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("Lyon", "Nice", StringComparison.Ordinal));

        Assert.False(WebhookSignature.IsValid(tampered, signature, Secret));
    }

    [Fact]
    public void Non_ascii_escaped_as_meta_sends_it_is_signed_over_the_escapes_not_the_characters()
    {
        var escaped = Fixture.Bytes("non-ascii-escaped.json");
        var signature = WebhookSignature.Sign(escaped, Secret);
        // Re-serialising would turn \u00e8 into è and break the signature: the bytes must be used as received.
        var reserialised = Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(escaped)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        Assert.True(WebhookSignature.IsValid(escaped, signature, Secret));
        Assert.False(WebhookSignature.IsValid(reserialised, signature, Secret));
    }
}
