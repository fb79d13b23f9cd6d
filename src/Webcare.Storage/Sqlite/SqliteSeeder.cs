using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Webcare.Core.Cases;
using Webcare.Core.Mentions;
using Webcare.Core.Triage;

namespace Webcare.Storage.Sqlite;

/// <summary>What to seed: <see cref="Cases"/> cases (each with its mention) spread over <see cref="Span"/> up to <see cref="End"/>.</summary>
public sealed record SeedPlan(
    int Cases,
    DateTimeOffset End,
    TimeSpan Span,
    IReadOnlyList<string> Brands,
    IReadOnlyList<string> RootCauses,
    Func<Priority, DateTimeOffset, DateTimeOffset> DueAt,
    double OtherMentionsPerCase = 1.0,
    int RandomSeed = 42,
    int BatchSize = 20_000);

public sealed record SeedResult(int Cases, int Mentions, int Events, TimeSpan Elapsed);

/// <summary>
/// Writes a year of realistic cases into a fresh database for benchmarks and demos: prepared
/// commands, one transaction per batch, the rollup triggers doing their normal work.
/// </summary>
public static class SqliteSeeder
{
    private static readonly string[] Networks = ["x", "x", "x", "bluesky", "bluesky", "mastodon", "reddit", "review", "review", "rss"];
    private static readonly (string Origin, int Weight)[] Origins = [("store", 30), ("phone", 28), ("online", 30), ("other", 4), ("unknown", 8)];
    private static readonly Dictionary<string, string[]> CuesNl = new()
    {
        ["store"] = ["in de winkel", "bij de kassa", "in het filiaal"],
        ["phone"] = ["al een uur in de wacht", "klantenservice gebeld", "telefonisch"],
        ["online"] = ["in de app", "op de website", "online besteld"],
        ["other"] = ["per brief", "bij de monteur"],
        ["unknown"] = ["", "gewoon"],
    };

    private static readonly Dictionary<string, string[]> CuesEn = new()
    {
        ["store"] = ["in the store", "at the till", "in your shop"],
        ["phone"] = ["on hold for an hour", "called customer service", "on the phone"],
        ["online"] = ["in the app", "on the website", "ordered online"],
        ["other"] = ["by letter", "from the engineer"],
        ["unknown"] = ["", "again"],
    };

    public static async Task<SeedResult> SeedAsync(SqliteDatabase database, SeedPlan plan, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(plan.RandomSeed);
        await using var connection = await database.OpenAsync(cancellationToken);

        // A bulk load into a fresh file: ids are assigned here, so the mention ↔ case references are
        // written in one pass without the per-row foreign-key check.
        await SqliteDatabase.ExecuteAsync(connection, null, "PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;", cancellationToken);
        var mentionId = SqlHelpers.ToLong(await connection.Command(null, "SELECT COALESCE(MAX(id), 0) FROM mentions").ExecuteScalarAsync(cancellationToken));
        var caseId = SqlHelpers.ToLong(await connection.Command(null, "SELECT COALESCE(MAX(id), 0) FROM cases").ExecuteScalarAsync(cancellationToken));

        var times = PostingTimes(plan, random);
        var triageCache = new Dictionary<(string, bool, Priority, string, string), string>();
        int mentions = 0, events = 0;
        var start = plan.End - plan.Span;
        for (var batchStart = 0; batchStart < plan.Cases; batchStart += plan.BatchSize)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            using var insertMention = connection.Command(transaction, """
                INSERT INTO mentions (id, source, external_id, network, brand, author_handle, author_name, author_followers, text, url,
                    posted_at, received_at, likes, reposts, replies, content_hash, language, negative, score, probability, intent, priority, reach, triage_json, case_id)
                VALUES ($id, 'seed', $external, $network, $brand, $handle, NULL, $followers, $text, NULL,
                    $posted, $posted, $likes, 0, 0, $hash, $language, $negative, $score, $probability, $intent, $priority, $reach, $triage, $case)
                """,
                ("$id", 0L), ("$external", ""), ("$network", ""), ("$brand", ""), ("$handle", ""), ("$followers", 0), ("$text", ""), ("$posted", 0L),
                ("$likes", 0), ("$hash", ""), ("$language", ""), ("$negative", 0), ("$score", 0.0), ("$probability", 0.0), ("$intent", ""),
                ("$priority", 0), ("$reach", 0), ("$triage", ""), ("$case", null));
            using var insertCase = connection.Command(transaction, """
                INSERT INTO cases (id, mention_id, brand, state, version, assignee_id, assignee_name, priority, origin, origin_evidence, origin_confirmed,
                    root_causes, root_causes_confirmed, suggested_reply, created_at, updated_at, first_replied_at, closed_at, mention_posted_at,
                    author_key, origin_guess, root_causes_guess, sla_due_at)
                VALUES ($id, $mention, $brand, $state, 3, $assignee, $assignee, $priority, $origin, NULL, $originConfirmed,
                    $causes, $causesConfirmed, 'Sorry to read this; could you DM us your customer number?', $posted, $updated, $replied, $closed, $posted,
                    $author, $originGuess, $causesGuess, $due)
                """,
                ("$id", 0L), ("$mention", 0L), ("$brand", ""), ("$state", ""), ("$assignee", null), ("$priority", 0), ("$origin", ""), ("$originConfirmed", 0),
                ("$causes", ""), ("$causesConfirmed", 0), ("$posted", 0L), ("$updated", 0L), ("$replied", null), ("$closed", null), ("$author", ""),
                ("$originGuess", ""), ("$causesGuess", ""), ("$due", 0L));
            using var insertEvent = connection.Command(transaction, """
                INSERT INTO case_events (case_id, at, actor_id, actor_name, platform, kind, from_state, to_state, note)
                VALUES ($case, $at, $actor, $actor, $platform, $kind, $from, $to, NULL)
                """, ("$case", 0L), ("$at", 0L), ("$actor", ""), ("$platform", ""), ("$kind", ""), ("$from", ""), ("$to", ""));
            using var insertLabel = connection.Command(transaction, """
                INSERT INTO case_labels (case_id, label, origin, root_causes, corrected, updated_at) VALUES ($case, $label, $origin, $causes, 1, $at)
                """, ("$case", 0L), ("$label", ""), ("$origin", ""), ("$causes", ""), ("$at", 0L));
            insertMention.Prepare();
            insertCase.Prepare();
            insertEvent.Prepare();
            insertLabel.Prepare();

            var batchEnd = Math.Min(plan.Cases, batchStart + plan.BatchSize);
            for (var i = batchStart; i < batchEnd; i++)
            {
                var posted = start.AddMilliseconds(times[i]);
                var age = plan.End - posted;
                var brand = plan.Brands[random.Next(plan.Brands.Count)];
                var network = Networks[random.Next(Networks.Length)];
                var authorNumber = (int)Math.Min(199_999, Math.Exp(random.NextDouble() * Math.Log(200_000)));
                var handle = "user" + authorNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var followers = (int)Math.Min(5_000_000, Math.Exp(Normal(random, 5.5, 2.0)));
                var dutch = random.NextDouble() < 0.65;
                var priority = Pick(random, [(Priority.P1, 5), (Priority.P2, 20), (Priority.P3, 50), (Priority.P4, 25)]);
                var origin = Pick(random, Origins);
                var guess = random.NextDouble() < 0.85 ? origin : Origins[random.Next(Origins.Length)].Origin;
                var causes = RootCausesFor(random, plan.RootCauses);
                var causesGuess = random.NextDouble() < 0.8 ? causes : RootCausesFor(random, plan.RootCauses);
                var text = Text(random, dutch, brand, origin, causes);
                var due = plan.DueAt(priority, posted);

                var (state, replied, closed, falsePositive) = Outcome(random, posted, age);
                var originConfirmed = state != "new" && random.NextDouble() < (state is "resolved" ? 0.7 : 0.3);
                var causesConfirmed = state != "new" && random.NextDouble() < (state is "resolved" ? 0.6 : 0.2);
                var agent = state == "new" ? null : "agent" + random.Next(1, 13).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var language = dutch ? "nl" : "en";
                var triageKey = (language, true, priority, guess, causesGuess);
                if (!triageCache.TryGetValue(triageKey, out var triageJson))
                {
                    triageJson = TriageJson.Serialize(new TriageResult(language, -0.6, 0.85, true, Intent.Complaint, [], new Reach(0, 0, 0), priority,
                        new OriginGuess(OriginNames.TryParse(guess, out var o) ? o : Origin.Unknown, null, 0.6),
                        causesGuess.Length == 0 ? [] : causesGuess.Split(',').Select(t => new RootCauseGuess(t, t)).ToList(),
                        "Negative cues: seeded", "Sorry to read this; could you DM us your customer number?"));
                    triageCache[triageKey] = triageJson;
                }

                mentionId++;
                caseId++;
                SetMention(insertMention, mentionId, network, brand, handle, followers, text, posted, language, true, priority, triageJson, caseId);
                await insertMention.ExecuteNonQueryAsync(cancellationToken);
                mentions++;

                var p = insertCase.Parameters;
                p["$id"].Value = caseId;
                p["$mention"].Value = mentionId;
                p["$brand"].Value = brand;
                p["$state"].Value = state;
                p["$assignee"].Value = (object?)agent ?? DBNull.Value;
                p["$priority"].Value = (int)priority;
                p["$origin"].Value = originConfirmed ? origin : guess;
                p["$originConfirmed"].Value = originConfirmed ? 1 : 0;
                p["$causes"].Value = causesConfirmed ? causes : causesGuess;
                p["$causesConfirmed"].Value = causesConfirmed ? 1 : 0;
                p["$posted"].Value = posted.Ms();
                p["$updated"].Value = (closed ?? replied ?? posted).Ms();
                p["$replied"].Value = (object?)replied?.Ms() ?? DBNull.Value;
                p["$closed"].Value = (object?)closed?.Ms() ?? DBNull.Value;
                p["$author"].Value = network + ":" + handle;
                p["$originGuess"].Value = guess;
                p["$causesGuess"].Value = causesGuess;
                p["$due"].Value = due.Ms();
                await insertCase.ExecuteNonQueryAsync(cancellationToken);

                events += await EventsAsync(insertEvent, caseId, posted, agent, state, replied, closed, cancellationToken);
                if (falsePositive || (originConfirmed && guess != origin))
                {
                    var l = insertLabel.Parameters;
                    l["$case"].Value = caseId;
                    l["$label"].Value = falsePositive ? CaseLabel.NotNegative : CaseLabel.Negative;
                    l["$origin"].Value = falsePositive ? string.Empty : origin;
                    l["$causes"].Value = causesConfirmed && !falsePositive ? causes : string.Empty;
                    l["$at"].Value = (closed ?? posted).Ms();
                    await insertLabel.ExecuteNonQueryAsync(cancellationToken);
                }

                // The rest of the stream: praise, questions and chatter about the same brands.
                var others = (int)plan.OtherMentionsPerCase + (random.NextDouble() < plan.OtherMentionsPerCase % 1 ? 1 : 0);
                for (var k = 0; k < others; k++)
                {
                    mentionId++;
                    var otherPosted = posted.AddMinutes(random.Next(-600, 600));
                    var otherHandle = "user" + random.Next(200_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var otherText = dutch ? $"Top service van {brand} vandaag, dank je!" : $"Thanks {brand}, quick help today.";
                    var otherKey = (language, false, Priority.P4, "unknown", string.Empty);
                    if (!triageCache.TryGetValue(otherKey, out var otherJson))
                    {
                        otherJson = TriageJson.Serialize(new TriageResult(language, 0.5, 0.1, false, Intent.Praise, [], new Reach(0, 0, 0), Priority.P4,
                            OriginGuess.Unknown, [], "Positive cues: seeded", string.Empty));
                        triageCache[otherKey] = otherJson;
                    }

                    SetMention(insertMention, mentionId, network, brand, otherHandle, (int)Math.Exp(Normal(random, 5, 1.5)), otherText,
                        otherPosted < plan.End ? otherPosted : plan.End, language, false, Priority.P4, otherJson, null);
                    await insertMention.ExecuteNonQueryAsync(cancellationToken);
                    mentions++;
                }
            }

            await transaction.CommitAsync(cancellationToken);
            progress?.Report(batchEnd);
        }

        await SqliteDatabase.ExecuteAsync(connection, null, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        return new SeedResult(plan.Cases, mentions, events, watch.Elapsed);
    }

    private static void SetMention(SqliteCommand command, long id, string network, string brand, string handle, int followers, string text,
        DateTimeOffset posted, string language, bool negative, Priority priority, string triage, long? caseId)
    {
        var p = command.Parameters;
        p["$id"].Value = id;
        p["$external"].Value = "s" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        p["$network"].Value = network;
        p["$brand"].Value = brand;
        p["$handle"].Value = handle;
        p["$followers"].Value = followers;
        p["$text"].Value = text;
        p["$posted"].Value = posted.Ms();
        p["$likes"].Value = followers / 500;
        p["$hash"].Value = id.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        p["$language"].Value = language;
        p["$negative"].Value = negative ? 1 : 0;
        p["$score"].Value = negative ? -0.6 : 0.5;
        p["$probability"].Value = negative ? 0.85 : 0.1;
        p["$intent"].Value = negative ? "complaint" : "praise";
        p["$priority"].Value = (int)priority;
        p["$reach"].Value = Reach.From(new Author(handle, null, followers), null).Level;
        p["$triage"].Value = triage;
        p["$case"].Value = (object?)caseId ?? DBNull.Value;
    }

    private static async Task<int> EventsAsync(SqliteCommand command, long caseId, DateTimeOffset posted, string? agent, string state,
        DateTimeOffset? replied, DateTimeOffset? closed, CancellationToken cancellationToken)
    {
        var count = 0;
        async Task AddAsync(DateTimeOffset at, string actor, string platform, string kind, string from, string to)
        {
            var p = command.Parameters;
            p["$case"].Value = caseId;
            p["$at"].Value = at.Ms();
            p["$actor"].Value = actor;
            p["$platform"].Value = platform;
            p["$kind"].Value = kind;
            p["$from"].Value = from;
            p["$to"].Value = to;
            await command.ExecuteNonQueryAsync(cancellationToken);
            count++;
        }

        await AddAsync(posted, "triage", "bot", "open", "new", "new");
        if (agent is null)
        {
            return count;
        }

        var claimedAt = replied is { } r ? posted + ((r - posted) / 2) : posted.AddMinutes(5);
        await AddAsync(claimedAt, agent, "slack", "claim", "new", "claimed");
        if (replied is { } repliedAt)
        {
            await AddAsync(repliedAt, agent, "slack", "replied", "claimed", "replied");
        }

        if (closed is { } closedAt)
        {
            var from = replied is null ? "claimed" : "replied";
            await AddAsync(closedAt, agent, "slack", state == "dismissed" ? "dismiss" : "resolve", from, state);
        }

        return count;
    }

    private static (string State, DateTimeOffset? Replied, DateTimeOffset? Closed, bool FalsePositive) Outcome(Random random, DateTimeOffset posted, TimeSpan age)
    {
        var responseMinutes = Math.Min(60 * 24 * 6, Math.Exp(Normal(random, Math.Log(35), 1.0)));
        var replied = posted.AddMinutes(responseMinutes);
        var openChance = age < TimeSpan.FromHours(2) ? 0.8 : age < TimeSpan.FromDays(1) ? 0.2 : age < TimeSpan.FromDays(3) ? 0.03 : 0;
        if (random.NextDouble() < openChance)
        {
            var roll = random.NextDouble();
            return roll < 0.5 ? ("new", null, null, false)
                : roll < 0.75 || replied > posted + age ? ("claimed", null, null, false)
                : ("replied", replied, null, false);
        }

        var end = posted + age;
        var closed = replied.AddMinutes(Math.Exp(Normal(random, Math.Log(120), 1.2)));
        if (random.NextDouble() < 0.12)
        {
            var dismissedAt = posted.AddMinutes(responseMinutes / 2);
            return dismissedAt > end ? ("new", null, null, false) : ("dismissed", null, dismissedAt, random.NextDouble() < 0.5);
        }

        // Nothing happens after "now": a case whose reply or close would lie in the future is still open.
        return replied > end ? ("claimed", null, null, false)
            : closed > end ? ("replied", replied, null, false)
            : ("resolved", replied, closed, false);
    }

    private static long[] PostingTimes(SeedPlan plan, Random random)
    {
        // More complaints by day than by night, and a little more on Mondays.
        var spanMs = (long)plan.Span.TotalMilliseconds;
        var times = new long[plan.Cases];
        var start = plan.End - plan.Span;
        for (var i = 0; i < times.Length;)
        {
            var t = random.NextInt64(spanMs);
            var local = start.AddMilliseconds(t).AddHours(1);
            var weight = local.Hour is >= 8 and < 23 ? 1.0 : 0.3;
            if (local.DayOfWeek == DayOfWeek.Monday)
            {
                weight *= 1.0;
            }
            else
            {
                weight *= 0.85;
            }

            if (random.NextDouble() < weight)
            {
                times[i++] = t;
            }
        }

        Array.Sort(times);
        return times;
    }

    private static string RootCausesFor(Random random, IReadOnlyList<string> tags)
    {
        var roll = random.NextDouble();
        if (roll < 0.1)
        {
            return string.Empty;
        }

        // A skewed pick, so some causes clearly lead.
        string One() => tags[Math.Min(tags.Count - 1, (int)(tags.Count * random.NextDouble() * random.NextDouble()))];
        var first = One();
        if (roll < 0.85)
        {
            return first;
        }

        var second = One();
        return second == first ? first : first + "," + second;
    }

    private static string Text(Random random, bool dutch, string brand, string origin, string causes)
    {
        var cues = (dutch ? CuesNl : CuesEn)[origin];
        var cue = cues[random.Next(cues.Length)];
        var cause = causes.Length == 0 ? (dutch ? "weer problemen" : "problems again") : causes.Split(',')[0].Replace('_', ' ');
        return dutch
            ? $"@{brand.ToLowerInvariant()} al dagen {cause} {cue}, echt belachelijk. Wanneer wordt dit opgelost?"
            : $"@{brand.ToLowerInvariant()} still {cause} {cue}, this is ridiculous. When will you fix it?";
    }

    private static T Pick<T>(Random random, (T Value, int Weight)[] choices)
    {
        var total = choices.Sum(c => c.Weight);
        var roll = random.Next(total);
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }

    private static double Normal(Random random, double mean, double sd)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
