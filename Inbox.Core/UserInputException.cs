namespace Inbox.Core;

/// <summary>Input a person can correct; its message is written for them and safe to show.</summary>
public sealed class UserInputException(string message) : Exception(message);
