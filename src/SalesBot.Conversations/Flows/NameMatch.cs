using SalesBot.Core.Organization;

namespace SalesBot.Conversations.Flows;

/// <summary>Finds "ava", "Ava P", "@ava.patel" or a slightly misspelt "Ava Patle" among the people someone may see.</summary>
public static class NameMatch
{
    public static IReadOnlyList<Member> Find(string typed, IEnumerable<Member> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var wanted = Normalize(typed);
        if (wanted.Length == 0)
        {
            return [];
        }

        var people = candidates.ToList();
        var exact = people.Where(m => Normalize(m.DisplayName) == wanted || Words(m).Contains(wanted)).ToList();
        if (exact.Count > 0)
        {
            return exact;
        }

        var prefix = people.Where(m => Normalize(m.DisplayName).StartsWith(wanted, StringComparison.Ordinal)
                                       || (wanted.Length >= 2 && Words(m).Any(w => w.StartsWith(wanted, StringComparison.Ordinal)))).ToList();
        if (prefix.Count > 0)
        {
            return prefix;
        }

        // One slip per four letters: "Chole" finds Chloe, "Bob" does not find Ben.
        var allowed = wanted.Length / 4;
        return allowed == 0
            ? []
            : people.Where(m => Distance(Normalize(m.DisplayName), wanted) <= allowed || Words(m).Any(w => Distance(w, wanted) <= allowed)).ToList();
    }

    private static string Normalize(string text) =>
        string.Join(' ', (text ?? string.Empty).ToLowerInvariant().Replace('.', ' ').Replace('_', ' ')
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string[] Words(Member member) => Normalize(member.DisplayName).Split(' ');

    /// <summary>Edits between two names, a swap of two neighbouring letters ("Chole") counting as one.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
