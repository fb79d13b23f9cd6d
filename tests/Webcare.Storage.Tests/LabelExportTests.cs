using Webcare.Core.Cases;

namespace Webcare.Storage.Tests;

public sealed class LabelExportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WriteAsync_AgentCorrections_CsvRoundTripsWithEvalColumns()
    {
        await using var db = await TestDatabase.CreateAsync(Now);
        var tricky = "Telvio: \"gratis\", zeiden ze,\r\nmaar toch betaald";
        var falsePositive = await db.OpenCaseAsync("jan", tricky, Now.AddMinutes(-30));
        var otherOrigin = await db.OpenCaseAsync("piet", "Telvio in de winkel niet geholpen", Now.AddMinutes(-20));
        var untouched = await db.OpenCaseAsync("kees", "Telvio storing", Now.AddMinutes(-10));
        var anna = new Actor("slack", "U1", "Anna", new HashSet<Role> { Role.Agent });
        var service = db.CaseService();
        await service.ApplyAsync(new CaseAction(falsePositive, CaseActionKind.Dismiss, anna, "false_positive"), CancellationToken.None);
        await service.ApplyAsync(new CaseAction(otherOrigin, CaseActionKind.SetOrigin, anna, "phone"), CancellationToken.None);
        await service.ApplyAsync(new CaseAction(otherOrigin, CaseActionKind.SetRootCause, anna, "staff,billing"), CancellationToken.None);

        using var output = new StringWriter();
        var count = await LabelCsv.WriteAsync(db.Store.ReadLabelsAsync(false, CancellationToken.None), output, CancellationToken.None);
        var rows = LabelCsv.Parse(output.ToString());

        Assert.Equal(2, count);
        Assert.Equal(["text", "label", "origin", "root_causes", "lang", "case_id", "corrected"], rows[0]);
        Assert.Equal([tricky, "not_negative", "", "", "nl", falsePositive.ToString(System.Globalization.CultureInfo.InvariantCulture), "true"], rows[1]);
        Assert.Equal(["Telvio in de winkel niet geholpen", "negative", "phone", "staff,billing", "nl", otherOrigin.ToString(System.Globalization.CultureInfo.InvariantCulture), "true"], rows[2]);
        Assert.DoesNotContain(rows, r => r[5] == untouched.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("\r\n", output.ToString(), StringComparison.Ordinal);
    }
}
