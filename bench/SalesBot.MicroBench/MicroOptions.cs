namespace SalesBot.MicroBench;

/// <summary>
/// <c>--out DIR</c> (required: micro.md and BenchmarkDotNet's artifacts go there), <c>--label L</c> (named in
/// micro.md; run.sh passes the commit), <c>--filter GLOB</c> (e.g. <c>*Slack*</c>; default all) and
/// <c>--quick</c> (fewer, shorter iterations: a check that every benchmark runs, not figures to quote).
/// </summary>
internal sealed record MicroOptions(string OutputDirectory, string Label, string[] Filters, bool Quick)
{
    public static MicroOptions Parse(string[] args)
    {
        string? output = null;
        var label = "unlabelled";
        var filters = new List<string>();
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--out":
                    output = Value();
                    break;
                case "--label":
                    label = Value();
                    break;
                case "--filter":
                    filters.Add(Value());
                    break;
                case "--quick":
                    quick = true;
                    break;
                default:
                    throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }
        }

        return new MicroOptions(
            Path.GetFullPath(output ?? throw new ArgumentException("--out is required.")),
            label,
            filters.Count == 0 ? ["*"] : [.. filters],
            quick);
    }
}
