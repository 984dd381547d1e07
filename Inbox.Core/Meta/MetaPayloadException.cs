namespace Inbox.Core.Meta;

/// <summary>A delivery that cannot be understood; its message becomes the dead-letter reason.</summary>
public sealed class MetaPayloadException(string message, Exception? inner = null) : Exception(message, inner);
