using NodaTime;
using SalesBot.Core.Organization;

namespace SalesBot.Core.Metrics;

/// <summary>How long a rep has been in the role: new reps learn different habits than tenured ones (seed 001).</summary>
public enum Tenure
{
    /// <summary>Under <see cref="TenureRule.NewForMonths"/> months in the role.</summary>
    New,
    Tenured,
}

public static class TenureRule
{
    public const int NewForMonths = 6;

    public static Tenure Of(Member member, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.TenureMonths(today) < NewForMonths ? Tenure.New : Tenure.Tenured;
    }

    public static string Label(this Tenure tenure) => tenure == Tenure.New ? $"new (under {NewForMonths} months)" : "tenured";
}
