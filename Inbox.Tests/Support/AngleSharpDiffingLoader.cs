using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Inbox.Tests.Support;

/// <summary>
/// bUnit asks for AngleSharp.Diffing 1.1.1, which is not served here; 0.17.0 is shipped beside the tests
/// (diffing017/) and loaded when the runtime looks for it.
/// </summary>
internal static class AngleSharpDiffingLoader
{
#pragma warning disable CA2255 // a test assembly is the one place a module initializer is meant for here
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => AssemblyLoadContext.Default.Resolving += (context, name) =>
        name.Name == "AngleSharp.Diffing"
            ? context.LoadFromAssemblyPath(Path.Combine(AppContext.BaseDirectory, "diffing017", "AngleSharp.Diffing.dll"))
            : null;
}
