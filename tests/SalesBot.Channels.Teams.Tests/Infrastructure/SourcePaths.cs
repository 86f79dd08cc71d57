namespace SalesBot.Channels.Teams.Tests.Infrastructure;

/// <summary>Finds folders of the repository from the test's build output, wherever the clone is.</summary>
public static class SourcePaths
{
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"'{relative}' not found above {AppContext.BaseDirectory}.");
    }
}
