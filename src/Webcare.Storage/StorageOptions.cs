using System.ComponentModel.DataAnnotations;

namespace Webcare.Storage;

/// <summary>Section <c>Webcare:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Webcare:Storage";

    /// <summary>The SQLite file; relative paths are under the bot's content root. Created on first run.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Webcare:Storage:Path is empty; set it to a file such as data/webcare.db.")]
    public string Path { get; set; } = "data/webcare.db";
}
