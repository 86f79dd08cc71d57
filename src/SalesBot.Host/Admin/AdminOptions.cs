namespace SalesBot.Host.Admin;

/// <summary>
/// Configuration section <c>Admin</c>. <see cref="Key"/> turns the operators' endpoints on
/// (<c>/admin/…</c>); without it they are not mapped at all and answer 404. Keep it in the
/// environment or a secret store (<c>Admin__Key</c>), never in the repository.
/// </summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The shortest key accepted: 32 characters, e.g. <c>openssl rand -base64 32</c>.</summary>
    public const int MinKeyLength = 32;

    public string? Key { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(Key);
}
