namespace Inbox.Core.Contacts;

/// <summary>Wakes the profile worker when contacts without a name may have arrived.</summary>
public sealed class ProfileSignal : WakeSignal;
