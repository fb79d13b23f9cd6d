using System.Runtime.CompilerServices;
using Webcare.Core.Cases;

namespace Webcare.Storage.Sqlite;

public sealed partial class SqliteStore : ILabelStore
{
    public async IAsyncEnumerable<LabelledExample> ReadLabelsAsync(bool correctionsOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, """
            SELECT l.case_id, m.text, l.label, l.origin, l.root_causes, m.language, l.corrected
            FROM case_labels l JOIN cases c ON c.id = l.case_id JOIN mentions m ON m.id = c.mention_id
            WHERE $all = 1 OR l.corrected = 1
            ORDER BY l.case_id
            """, ("$all", correctionsOnly ? 0 : 1));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var causes = reader.GetString(4);
            yield return new LabelledExample(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                causes.Length == 0 ? [] : causes.Split(','), reader.GetString(5), reader.GetInt64(6) == 1);
        }
    }
}
