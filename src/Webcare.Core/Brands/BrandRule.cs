namespace Webcare.Core.Brands;

/// <summary>What to watch for one brand. Every term matches case- and diacritics-insensitively on word boundaries.</summary>
public sealed class BrandRule
{
    public string Name { get; set; } = string.Empty;

    /// <summary>Other names the public uses ("Telvio Mobiel", "Huiskes.nl").</summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>Social handles, with or without the leading @.</summary>
    public List<string> Handles { get; set; } = [];

    /// <summary>Hashtags, with or without the leading #.</summary>
    public List<string> Hashtags { get; set; } = [];

    /// <summary>Phrases that look like the brand but are not about it ("Telvio Arena").</summary>
    public List<string> Exclusions { get; set; } = [];

    /// <summary>Languages to keep (ISO 639-1); empty keeps all.</summary>
    public List<string> Languages { get; set; } = [];
}
