namespace Webcare.Sources.Replay;

/// <summary>Settings of a <c>replay</c> source.</summary>
public sealed class ReplayOptions
{
    /// <summary>A JSON Lines file of mentions; relative paths are under the bot's content root.</summary>
    public string Path { get; set; } = "config/samples/mentions.jsonl";

    /// <summary>How long replaying the whole file takes.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>live: each mention is stamped with the moment it is replayed; original: keep the file's postedAt.</summary>
    public string Timestamps { get; set; } = "live";
}
