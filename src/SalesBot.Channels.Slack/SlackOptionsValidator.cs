using Microsoft.Extensions.Options;

namespace SalesBot.Channels.Slack;

/// <summary>Checks the Slack settings at start-up, so a half-configured app fails before its first request.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!options.ApiBaseUrl.IsAbsoluteUri || options.ApiBaseUrl.Scheme is not ("https" or "http"))
        {
            failures.Add("Slack:ApiBaseUrl must be an absolute http(s) URL.");
        }

        if (options.Enabled)
        {
            if (string.IsNullOrWhiteSpace(options.BotToken) &&
                (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.ClientSecret)))
            {
                failures.Add("Slack:SigningSecret is set, so set Slack:BotToken (one workspace) or Slack:ClientId and Slack:ClientSecret (OAuth install).");
            }

            if (!string.IsNullOrWhiteSpace(options.BotToken) && !options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
            {
                failures.Add("Slack:BotToken must be a bot token (xoxb-…).");
            }

            if (string.IsNullOrWhiteSpace(options.ClientId) != string.IsNullOrWhiteSpace(options.ClientSecret))
            {
                failures.Add("Slack:ClientId and Slack:ClientSecret go together.");
            }
        }

        if (options.SignatureWindow <= TimeSpan.Zero || options.SignatureWindow > TimeSpan.FromMinutes(5))
        {
            failures.Add("Slack:SignatureWindow must be positive and at most 5 minutes.");
        }

        if (options.MaxBodyBytes is < 1024 or > 1024 * 1024)
        {
            failures.Add("Slack:MaxBodyBytes must be between 1 KB and 1 MB.");
        }

        if (options.InlineBudget <= TimeSpan.Zero || options.InlineBudget >= TimeSpan.FromSeconds(3))
        {
            failures.Add("Slack:InlineBudget must be positive and under Slack's 3 seconds.");
        }

        if (options.MaxRateLimitRetries is < 0 or > 5)
        {
            failures.Add("Slack:MaxRateLimitRetries must be between 0 and 5 (longer waits belong to the outbox).");
        }

        if (options.MaxInlineRetryWait < TimeSpan.Zero || options.MaxInlineRetryWait > TimeSpan.FromSeconds(10))
        {
            failures.Add("Slack:MaxInlineRetryWait must be between 0 and 10 seconds.");
        }

        if (options.InlineRetryBaseDelay < TimeSpan.Zero || options.InlineRetryBaseDelay > options.MaxInlineRetryWait)
        {
            failures.Add("Slack:InlineRetryBaseDelay must be between 0 and Slack:MaxInlineRetryWait.");
        }

        if (options.AttemptTimeout < TimeSpan.FromSeconds(1) || options.AttemptTimeout > TimeSpan.FromSeconds(60))
        {
            failures.Add("Slack:AttemptTimeout must be between 1 and 60 seconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
