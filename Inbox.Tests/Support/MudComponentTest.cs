using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Inbox.Tests.Support;

/// <summary>
/// A bUnit context with MudBlazor's services, as the app registers them. MudBlazor's services can only be disposed
/// asynchronously, so xUnit disposes the context through <see cref="IAsyncLifetime"/>.
/// </summary>
public abstract class MudComponentTest : BunitContext, IAsyncLifetime
{
    protected MudComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
