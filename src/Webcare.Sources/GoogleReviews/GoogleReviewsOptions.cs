namespace Webcare.Sources.GoogleReviews;

/// <summary>Settings of a <c>google-reviews</c> source: the reviews of each store location on Google Business Profile.</summary>
public sealed class GoogleReviewsOptions
{
    public string TokenUrl { get; set; } = "https://oauth2.googleapis.com/token";

    public string ApiUrl { get; set; } = "https://mybusiness.googleapis.com";

    public string ClientId { get; set; } = string.Empty;

    public List<GoogleLocation> Locations { get; set; } = [];

    /// <summary>Reviews per page (the API allows up to 50).</summary>
    public int PageSize { get; set; } = 50;

    public int MaxPages { get; set; } = 5;
}

/// <summary>One store: its resource name and the name agents know it by.</summary>
public sealed class GoogleLocation
{
    /// <summary>The location's resource name, <c>accounts/{accountId}/locations/{locationId}</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The store's name as the team says it (e.g. "Huiskes Utrecht Centrum"); it appears in the mention and as origin evidence.</summary>
    public string StoreName { get; set; } = string.Empty;
}
