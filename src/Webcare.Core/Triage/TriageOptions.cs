using Microsoft.Extensions.Options;

namespace Webcare.Core.Triage;

/// <summary>Section <c>Webcare:Triage</c>: reply tone, allowed promises, the negative threshold and the optional LLM.</summary>
public sealed class TriageOptions
{
    public const string Section = "Webcare:Triage";

    /// <summary>Where the triage data lives, relative to the content root.</summary>
    public string DataPath { get; set; } = "config/triage";

    /// <summary>"formal" (Dutch "u") or "informal" (Dutch "je").</summary>
    public string Tone { get; set; } = "informal";

    /// <summary>Appended to every suggested reply, e.g. "^Sanne". Empty for none.</summary>
    public string SignOff { get; set; } = "";

    /// <summary>Invite the customer to continue in a direct message.</summary>
    public bool InviteToDm { get; set; } = true;

    /// <summary>What a reply may promise (refund, compensation, callback, replacement). Empty: nothing.</summary>
    public List<string> AllowedPromises { get; set; } = [];

    /// <summary>Probability at or above which a mention counts as negative.</summary>
    public double NegativeThreshold { get; set; } = 0.5;

    /// <summary>Language used when identification fails and for languages without a folder.</summary>
    public string FallbackLanguage { get; set; } = "en";

    public LlmOptions Llm { get; set; } = new();

    public static readonly string[] KnownPromises = ["refund", "compensation", "callback", "replacement"];
}

/// <summary>Section <c>Webcare:Triage:Llm</c>: an OpenAI-compatible chat-completions endpoint (e.g. a local Ollama). Off by default.</summary>
public sealed class LlmOptions
{
    public bool Enabled { get; set; }

    /// <summary>Base URL; "/chat/completions" is appended, e.g. http://127.0.0.1:11434/v1.</summary>
    public string Endpoint { get; set; } = "";

    public string Model { get; set; } = "";

    /// <summary>Name of the environment variable that holds the API key (never the key itself).</summary>
    public string ApiKeyVariable { get; set; } = "WEBCARE_LLM_API_KEY";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(4);
}

/// <summary>Each failure names the key and how to fix it.</summary>
public sealed class TriageOptionsValidator : IValidateOptions<TriageOptions>
{
    public ValidateOptionsResult Validate(string? name, TriageOptions options)
    {
        var problems = new List<string>();
        if (options.Tone is not ("formal" or "informal"))
        {
            problems.Add($"{TriageOptions.Section}:Tone '{options.Tone}' is not valid; use \"formal\" (Dutch 'u') or \"informal\" (Dutch 'je').");
        }

        if (options.NegativeThreshold is <= 0 or >= 1 || double.IsNaN(options.NegativeThreshold))
        {
            problems.Add($"{TriageOptions.Section}:NegativeThreshold must be between 0 and 1 (exclusive), e.g. 0.5.");
        }

        foreach (var promise in options.AllowedPromises)
        {
            if (!TriageOptions.KnownPromises.Contains(promise))
            {
                problems.Add($"{TriageOptions.Section}:AllowedPromises has '{promise}'; known promises are {string.Join(", ", TriageOptions.KnownPromises)}.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.DataPath))
        {
            problems.Add($"{TriageOptions.Section}:DataPath is empty; use \"config/triage\".");
        }

        if (options.SignOff.Length > 40)
        {
            problems.Add($"{TriageOptions.Section}:SignOff is longer than 40 characters; use a short signature such as \"^Sanne\".");
        }

        var llm = options.Llm;
        if (llm.Enabled)
        {
            if (!Uri.TryCreate(llm.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add($"{TriageOptions.Section}:Llm:Endpoint '{llm.Endpoint}' is not an http(s) URL; use e.g. http://127.0.0.1:11434/v1 or set Llm:Enabled to false.");
            }

            if (string.IsNullOrWhiteSpace(llm.Model))
            {
                problems.Add($"{TriageOptions.Section}:Llm:Model is empty; name the model, e.g. \"llama3.1\".");
            }

            if (llm.Timeout <= TimeSpan.Zero || llm.Timeout > TimeSpan.FromSeconds(60))
            {
                problems.Add($"{TriageOptions.Section}:Llm:Timeout must be between 00:00:00.1 and 00:01:00.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
