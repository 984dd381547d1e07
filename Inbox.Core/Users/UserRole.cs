namespace Inbox.Core.Users;

/// <summary>Roles build on each other: a Manager can do what an Agent can, an Admin what a Manager can.</summary>
public enum UserRole
{
    Agent,
    Manager,
    Admin,
}

/// <summary>Role names for <c>[Authorize(Roles = ...)]</c>, which needs constants.</summary>
public static class Roles
{
    public const string Agent = nameof(UserRole.Agent);
    public const string Manager = nameof(UserRole.Manager);
    public const string Admin = nameof(UserRole.Admin);

    public const string ManagerOrAdmin = Manager + "," + Admin;
}
