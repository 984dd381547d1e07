using Inbox.Core;
using Inbox.Core.Audit;
using Inbox.Web.Auth;
using Inbox.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Inbox.Web.Features.Settings;

/// <summary>
/// A part of Settings whose every action reports its outcome (a refused one says why) and is written to the audit log.
/// The action returns how to say what it did, so the audit can keep it in every language; no secret is ever part of it.
/// </summary>
public abstract class SettingsSection : CancellableComponent
{
    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private AuditLog Audit { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected bool Busy { get; private set; }

    /// <summary>Runs an action of the given audit area; afterwards <see cref="ReloadAsync"/> re-reads what the section shows.</summary>
    protected async Task RunAsync(string area, Func<Task<Func<string>>> action)
    {
        Busy = true;
        try
        {
            var describe = await action();
            Snackbar.Add(describe(), Severity.Success);
            await Audit.RecordAsync((await AuthenticationState).User.UserId(), area, describe, Aborted);
        }
        catch (UserInputException exception)
        {
            Snackbar.Add(exception.Message, Severity.Error, options => options.VisibleStateDuration = 8000);
        }
        finally
        {
            Busy = false;
            await ReloadAsync();
        }
    }

    protected abstract Task ReloadAsync();
}
