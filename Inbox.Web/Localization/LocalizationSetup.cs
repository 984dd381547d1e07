using Inbox.Core.Users;
using Microsoft.AspNetCore.Localization;

namespace Inbox.Web.Localization;

/// <summary>
/// Texts live in a resource file beside each component (Composer.resx, Composer.fr.resx); each request, and so each
/// Blazor circuit, takes the person's language.
/// </summary>
public static class LocalizationSetup
{
    public static IServiceCollection AddInboxLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = UserLanguages.Supported.ToArray();
            options.SetDefaultCulture(cultures[0]).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            options.RequestCultureProviders = [new UserLanguageCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }
}
