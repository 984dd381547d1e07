using Inbox.Core.Users;

namespace Inbox.Core.ApiTokens;

/// <summary>A working token and the user it acts for.</summary>
public sealed record ApiTokenOwner(long TokenId, User User);

/// <summary>What may be shown about a token: never the token itself, which exists only when it is created.</summary>
public sealed record ApiTokenInfo(long Id, long UserId, string UserEmail, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);
