using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SalesBot.Channels.Teams.Hosting;

/// <summary>Start-up checks: a half-configured identity or a local mode outside Development stops the app.</summary>
public sealed class TeamsOptionsValidator(IHostEnvironment environment) : IValidateOptions<TeamsOptions>
{
    public ValidateOptionsResult Validate(string? name, TeamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.AllowUnauthenticatedLocalRequests && !environment.IsDevelopment())
        {
            errors.Add($"{TeamsOptions.Section}:{nameof(TeamsOptions.AllowUnauthenticatedLocalRequests)} is only allowed when ASPNETCORE_ENVIRONMENT=Development (it is '{environment.EnvironmentName}').");
        }

        if (options.HasAppId)
        {
            var hasPassword = !string.IsNullOrWhiteSpace(options.AppPassword);
            var hasTenant = !string.IsNullOrWhiteSpace(options.AppTenantId);
            switch (options.AppType)
            {
                case BotAppType.SingleTenant when !hasTenant || !hasPassword:
                    errors.Add("MicrosoftAppType SingleTenant needs MicrosoftAppTenantId and MicrosoftAppPassword.");
                    break;
                case BotAppType.MultiTenant when !hasPassword:
                    errors.Add("MicrosoftAppType MultiTenant needs MicrosoftAppPassword.");
                    break;
                case BotAppType.UserAssignedMSI when !hasTenant:
                    errors.Add("MicrosoftAppType UserAssignedMSI needs MicrosoftAppTenantId (MicrosoftAppId is the identity's client id).");
                    break;
                case BotAppType.UserAssignedMSI when hasPassword:
                    errors.Add("MicrosoftAppType UserAssignedMSI takes no MicrosoftAppPassword; remove it.");
                    break;
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.AppPassword))
        {
            errors.Add("MicrosoftAppPassword is set but MicrosoftAppId is empty.");
        }

        CheckUrl(errors, nameof(TeamsOptions.OpenIdMetadataUrl), options.OpenIdMetadataUrl);
        CheckUrl(errors, nameof(TeamsOptions.EntraOpenIdMetadataUrl), options.EntraOpenIdMetadataUrl);
        if (options.AuthorityHost is not { IsAbsoluteUri: true } authority || authority.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{TeamsOptions.Section}:{nameof(TeamsOptions.AuthorityHost)} must be an absolute https URL (MSAL requires https).");
        }
        if (options.MaxRequestBytes is < 1024 or > 4 * 1024 * 1024)
        {
            errors.Add($"{TeamsOptions.Section}:{nameof(TeamsOptions.MaxRequestBytes)} must be between 1 KB and 4 MB.");
        }

        if (options.MaxAttempts is < 1 or > 5)
        {
            errors.Add($"{TeamsOptions.Section}:{nameof(TeamsOptions.MaxAttempts)} must be between 1 and 5 (longer waits belong to the outbox).");
        }

        if (options.MaxInlineRetryDelay < TimeSpan.Zero || options.MaxInlineRetryDelay > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{TeamsOptions.Section}:{nameof(TeamsOptions.MaxInlineRetryDelay)} must be between 0 and 10 seconds.");
        }

        if (options.MaxProactiveLimiterWait < TimeSpan.Zero || options.MaxProactiveLimiterWait > TimeSpan.FromSeconds(30))
        {
            errors.Add($"{TeamsOptions.Section}:{nameof(TeamsOptions.MaxProactiveLimiterWait)} must be between 0 and 30 seconds.");
        }

        if (options.InlineRetryBaseDelay < TimeSpan.Zero || options.InlineRetryBaseDelay > options.MaxInlineRetryDelay)
        {
            errors.Add($"{TeamsOptions.Section}:{nameof(TeamsOptions.InlineRetryBaseDelay)} must be between 0 and {nameof(TeamsOptions.MaxInlineRetryDelay)}.");
        }

        if (options.AttemptTimeout < TimeSpan.FromSeconds(1) || options.AttemptTimeout > TimeSpan.FromSeconds(60))
        {
            errors.Add($"{TeamsOptions.Section}:{nameof(TeamsOptions.AttemptTimeout)} must be between 1 and 60 seconds.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUrl(List<string> errors, string key, Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || !IsSecureOrLoopback(url))
        {
            errors.Add($"{TeamsOptions.Section}:{key} must be an absolute https URL (http only for loopback test issuers).");
        }
    }

    /// <summary>Keys and tokens travel over https; plain http only to this machine (local test issuers).</summary>
    public static bool IsSecureOrLoopback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback);
    }
}
