using System.ComponentModel.DataAnnotations;

namespace SalesBot.Storage.Sqlite;

/// <summary>Configuration section <c>Storage:Sqlite</c>.</summary>
public sealed class SqliteOptions
{
    public const string Section = "Storage:Sqlite";

    /// <summary>The database file. Relative paths are under the app's content root; default <c>data/salesbot.db</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = System.IO.Path.Combine("data", "salesbot.db");
}
