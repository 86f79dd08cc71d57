using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace SalesBot.Channels.Slack.Inbound;

/// <summary>A Slack request whose signature has been verified: its raw body and Slack's retry headers.</summary>
internal sealed record SlackRequest(byte[] Body, string? RetryNum, string? RetryReason)
{
    public const string RetryNumHeader = "X-Slack-Retry-Num";
    public const string RetryReasonHeader = "X-Slack-Retry-Reason";

    public bool IsRetry => RetryNum is not null;

    public IFormCollection Form() => ParseForm(Body);

    public static IFormCollection ParseForm(byte[] body) => new FormCollection(QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)));
}
