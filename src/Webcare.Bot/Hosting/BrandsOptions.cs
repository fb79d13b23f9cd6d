using Webcare.Core.Brands;

namespace Webcare.Bot.Hosting;

/// <summary>Section <c>Webcare:Brands</c>: the list of brands to watch.</summary>
public sealed class BrandsOptions
{
    public const string Section = "Webcare:Brands";

    public List<BrandRule> Brands { get; set; } = [];
}
