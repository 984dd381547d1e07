namespace Inbox.Core.Outbox;

/// <summary>What an agent can do about a reply Meta refused.</summary>
public enum SendRemedy
{
    /// <summary>Nothing through Messenger: reach the person another way.</summary>
    None,
    /// <summary>Try again later: Meta was busy, limiting or the person unavailable for now.</summary>
    RetryLater,
    /// <summary>The 24-hour window had closed: send again with the human agent tag (up to 7 days), or wait for the customer.</summary>
    OutsideWindow,
    /// <summary>The Page's token was refused: an admin must connect it again.</summary>
    ReconnectPage,
}
