using Microsoft.Extensions.Options;

namespace SalesBot.Host.Roster;

/// <summary>Configuration section <c>Roster</c>.</summary>
public sealed class RosterOptions
{
    public const string Section = "Roster";

    /// <summary>A roster JSON file applied at start-up (see <see cref="RosterFile"/>); empty = none.</summary>
    public string? File { get; set; }
}

/// <summary>A roster that cannot be used stops the start-up, with every problem named.</summary>
public sealed class RosterOptionsValidator : IValidateOptions<RosterOptions>
{
    public ValidateOptionsResult Validate(string? name, RosterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.File))
        {
            return ValidateOptionsResult.Success;
        }

        var (_, problems) = RosterFile.Read(options.File);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
