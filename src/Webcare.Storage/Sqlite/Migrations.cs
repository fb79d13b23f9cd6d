namespace Webcare.Storage.Sqlite;

/// <summary>
/// The schema, as numbered steps. A step is never edited once released: add a new one.
/// Times are Unix milliseconds (UTC) so range queries over a year of cases stay index scans.
/// </summary>
internal static class Migrations
{
    public static readonly IReadOnlyList<(int Version, string Name, string Sql)> Steps =
    [
        (1, "initial schema", """
            CREATE TABLE mentions (
                id               INTEGER PRIMARY KEY,
                source           TEXT    NOT NULL,
                external_id      TEXT    NOT NULL,
                network          TEXT    NOT NULL,
                brand            TEXT    NOT NULL,
                author_handle    TEXT    NOT NULL,
                author_name      TEXT,
                author_followers INTEGER,
                text             TEXT    NOT NULL,
                url              TEXT,
                posted_at        INTEGER NOT NULL,
                received_at      INTEGER NOT NULL,
                likes            INTEGER NOT NULL DEFAULT 0,
                reposts          INTEGER NOT NULL DEFAULT 0,
                replies          INTEGER NOT NULL DEFAULT 0,
                in_reply_to      TEXT,
                content_hash     TEXT    NOT NULL,
                duplicate_of     INTEGER REFERENCES mentions(id),
                language         TEXT    NOT NULL,
                negative         INTEGER NOT NULL,
                score            REAL    NOT NULL,
                probability      REAL    NOT NULL,
                intent           TEXT    NOT NULL,
                priority         INTEGER NOT NULL,
                reach            INTEGER NOT NULL,
                triage_json      TEXT    NOT NULL,
                UNIQUE (source, external_id)
            );
            CREATE INDEX ix_mentions_posted ON mentions (posted_at, brand);
            CREATE INDEX ix_mentions_hash ON mentions (content_hash, received_at);

            CREATE TABLE cases (
                id                    INTEGER PRIMARY KEY,
                mention_id            INTEGER NOT NULL UNIQUE REFERENCES mentions(id),
                brand                 TEXT    NOT NULL,
                state                 TEXT    NOT NULL CHECK (state IN ('new','claimed','replied','resolved','dismissed')),
                version               INTEGER NOT NULL DEFAULT 0,
                assignee_id           TEXT,
                assignee_name         TEXT,
                priority              INTEGER NOT NULL,
                origin                TEXT    NOT NULL,
                origin_evidence       TEXT,
                origin_confirmed      INTEGER NOT NULL DEFAULT 0,
                root_causes           TEXT    NOT NULL DEFAULT '',
                root_causes_confirmed INTEGER NOT NULL DEFAULT 0,
                suggested_reply       TEXT    NOT NULL,
                created_at            INTEGER NOT NULL,
                updated_at            INTEGER NOT NULL,
                first_replied_at      INTEGER,
                closed_at             INTEGER,
                mention_posted_at     INTEGER NOT NULL
            );
            CREATE INDEX ix_cases_created ON cases (created_at, brand);
            CREATE INDEX ix_cases_state ON cases (state, created_at);

            CREATE TABLE case_events (
                id          INTEGER PRIMARY KEY,
                case_id     INTEGER NOT NULL REFERENCES cases(id),
                at          INTEGER NOT NULL,
                actor_id    TEXT    NOT NULL,
                actor_name  TEXT    NOT NULL,
                platform    TEXT    NOT NULL,
                kind        TEXT    NOT NULL,
                from_state  TEXT    NOT NULL,
                to_state    TEXT    NOT NULL,
                note        TEXT
            );
            CREATE INDEX ix_case_events_case ON case_events (case_id, id);
            CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
                BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
            CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
                BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;

            CREATE TABLE chat_posts (
                case_id     INTEGER NOT NULL REFERENCES cases(id),
                platform    TEXT    NOT NULL,
                channel     TEXT    NOT NULL,
                message_id  TEXT    NOT NULL,
                posted_at   INTEGER NOT NULL,
                PRIMARY KEY (case_id, platform, channel)
            );

            CREATE TABLE source_cursors (
                source      TEXT PRIMARY KEY,
                cursor      TEXT,
                updated_at  INTEGER NOT NULL
            );

            CREATE TABLE outbox (
                id          INTEGER PRIMARY KEY,
                case_id     INTEGER NOT NULL REFERENCES cases(id),
                kind        TEXT    NOT NULL,
                platform    TEXT    NOT NULL,
                channel     TEXT    NOT NULL,
                payload     TEXT,
                status      TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','done','failed')),
                attempts    INTEGER NOT NULL DEFAULT 0,
                due_at      INTEGER NOT NULL,
                created_at  INTEGER NOT NULL,
                done_at     INTEGER,
                last_error  TEXT
            );
            CREATE INDEX ix_outbox_pending ON outbox (status, due_at, id);

            CREATE TABLE ingest_failures (
                id          INTEGER PRIMARY KEY,
                source      TEXT    NOT NULL,
                external_id TEXT    NOT NULL,
                mention_json TEXT   NOT NULL,
                error       TEXT    NOT NULL,
                at          INTEGER NOT NULL
            );
            """),
        (2, "cases: guesses beside confirmations, SLA, follow-ups, labels, report rollups", Step2),
        (3, "digest and spike alert: scheduled run log, covering indexes for weekly and hourly windows", """
            CREATE TABLE scheduled_runs (
                kind    TEXT    NOT NULL,
                key     TEXT    NOT NULL,
                at      INTEGER NOT NULL,
                detail  TEXT,
                PRIMARY KEY (kind, key)
            );
            CREATE INDEX ix_scheduled_runs_at ON scheduled_runs (kind, at);
            CREATE INDEX ix_cases_digest ON cases (created_at, state, priority, origin, origin_confirmed, first_replied_at, root_causes);
            CREATE INDEX ix_mentions_digest ON mentions (posted_at, duplicate_of, negative, reach, author_followers, likes, reposts, replies);
            """),
        (4, "source health and canonical urls", """
            CREATE TABLE source_health (
                source               TEXT    PRIMARY KEY,
                first_seen_at        INTEGER NOT NULL,
                last_attempt_at      INTEGER,
                last_success_at      INTEGER,
                last_item_at         INTEGER,
                consecutive_failures INTEGER NOT NULL DEFAULT 0,
                last_error           TEXT,
                alert                TEXT    NOT NULL DEFAULT 'ok' CHECK (alert IN ('ok','failing','silent')),
                alert_at             INTEGER,
                items_day            TEXT,
                items_today          INTEGER NOT NULL DEFAULT 0
            );
            ALTER TABLE mentions ADD COLUMN canonical_url TEXT;
            CREATE INDEX ix_mentions_canonical_url ON mentions (canonical_url, received_at) WHERE canonical_url IS NOT NULL;
            """),
    ];

    /// <summary>Hour bucket of a Unix-ms time; report periods are whole hours in every whole-hour time zone.</summary>
    private const string Hour = "/ 3600000";

    /// <summary>First-response minutes, bucketed: exact below 2 h, 10 min below a day, hours below a week.</summary>
    private const string ResponseBucket = """
        (CASE WHEN max(0, (X.first_replied_at - X.mention_posted_at) / 60000) < 120 THEN max(0, (X.first_replied_at - X.mention_posted_at) / 60000)
              WHEN (X.first_replied_at - X.mention_posted_at) / 60000 < 1440 THEN ((X.first_replied_at - X.mention_posted_at) / 600000) * 10
              WHEN (X.first_replied_at - X.mention_posted_at) / 60000 < 10080 THEN ((X.first_replied_at - X.mention_posted_at) / 3600000) * 60
              ELSE 10080 END)
        """;

    private const string CausesOf = """json_each('["' || replace(X.root_causes, ',', '","') || '"]')""";

    /// <summary>Day bucket (UTC): whole days of a report window are read here, only the edge hours from the hourly tables.</summary>
    private const string Day = "/ 86400000";

    /// <summary>The rollup tables, their back-fill and their triggers for one bucket size.</summary>
    private static string Rollups(string suffix, string column, string bucket)
    {
        var sql = $"""
        CREATE TABLE rollup_mentions (
            hour INTEGER NOT NULL, brand TEXT NOT NULL, mentions INTEGER NOT NULL, negative INTEGER NOT NULL,
            PRIMARY KEY (hour, brand)) WITHOUT ROWID;
        CREATE TABLE rollup_cases (
            hour INTEGER NOT NULL, brand TEXT NOT NULL, origin TEXT NOT NULL, origin_confirmed INTEGER NOT NULL, dismissed INTEGER NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY (hour, brand, origin, origin_confirmed, dismissed)) WITHOUT ROWID;
        CREATE TABLE rollup_causes (
            hour INTEGER NOT NULL, brand TEXT NOT NULL, origin TEXT NOT NULL, cause TEXT NOT NULL, confirmed INTEGER NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY (hour, brand, origin, cause, confirmed)) WITHOUT ROWID;
        CREATE TABLE rollup_response (
            hour INTEGER NOT NULL, brand TEXT NOT NULL, minutes INTEGER NOT NULL, late INTEGER NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY (hour, brand, minutes, late)) WITHOUT ROWID;

        INSERT INTO rollup_mentions SELECT posted_at / BUCKET, brand, COUNT(*), SUM(negative) FROM mentions WHERE duplicate_of IS NULL GROUP BY 1, 2;
        INSERT INTO rollup_cases SELECT mention_posted_at / BUCKET, brand, origin, origin_confirmed, state = 'dismissed', COUNT(*) FROM cases GROUP BY 1, 2, 3, 4, 5;
        INSERT INTO rollup_causes SELECT c.mention_posted_at / BUCKET, c.brand, c.origin, j.value, c.root_causes_confirmed, COUNT(*)
            FROM cases c, {For(CausesOf, "c")} j WHERE c.root_causes <> '' AND c.state <> 'dismissed' GROUP BY 1, 2, 3, 4, 5;
        INSERT INTO rollup_response SELECT c.mention_posted_at / BUCKET, c.brand, {For(ResponseBucket, "c")}, COALESCE(c.first_replied_at > c.sla_due_at, 0), COUNT(*)
            FROM cases c WHERE c.first_replied_at IS NOT NULL GROUP BY 1, 2, 3, 4;

        CREATE TRIGGER rollup_mentions_insert AFTER INSERT ON mentions WHEN new.duplicate_of IS NULL BEGIN
            INSERT INTO rollup_mentions (hour, brand, mentions, negative) VALUES (new.posted_at / BUCKET, new.brand, 1, new.negative)
            ON CONFLICT (hour, brand) DO UPDATE SET mentions = mentions + 1, negative = negative + excluded.negative;
        END;

        CREATE TRIGGER rollup_cases_insert AFTER INSERT ON cases BEGIN
            INSERT INTO rollup_cases (hour, brand, origin, origin_confirmed, dismissed, n)
            VALUES (new.mention_posted_at / BUCKET, new.brand, new.origin, new.origin_confirmed, new.state = 'dismissed', 1)
            ON CONFLICT (hour, brand, origin, origin_confirmed, dismissed) DO UPDATE SET n = n + 1;
            INSERT INTO rollup_causes (hour, brand, origin, cause, confirmed, n)
            SELECT new.mention_posted_at / BUCKET, new.brand, new.origin, j.value, new.root_causes_confirmed, 1
            FROM {For(CausesOf, "new")} j WHERE new.root_causes <> '' AND new.state <> 'dismissed'
            ON CONFLICT (hour, brand, origin, cause, confirmed) DO UPDATE SET n = n + 1;
            INSERT INTO rollup_response (hour, brand, minutes, late, n)
            SELECT new.mention_posted_at / BUCKET, new.brand, {For(ResponseBucket, "new")}, COALESCE(new.first_replied_at > new.sla_due_at, 0), 1
            WHERE new.first_replied_at IS NOT NULL
            ON CONFLICT (hour, brand, minutes, late) DO UPDATE SET n = n + 1;
        END;

        CREATE TRIGGER rollup_cases_update AFTER UPDATE OF origin, origin_confirmed, state ON cases
        WHEN old.origin <> new.origin OR old.origin_confirmed <> new.origin_confirmed OR (old.state = 'dismissed') <> (new.state = 'dismissed') BEGIN
            UPDATE rollup_cases SET n = n - 1 WHERE hour = old.mention_posted_at / BUCKET AND brand = old.brand AND origin = old.origin
                AND origin_confirmed = old.origin_confirmed AND dismissed = (old.state = 'dismissed');
            INSERT INTO rollup_cases (hour, brand, origin, origin_confirmed, dismissed, n)
            VALUES (new.mention_posted_at / BUCKET, new.brand, new.origin, new.origin_confirmed, new.state = 'dismissed', 1)
            ON CONFLICT (hour, brand, origin, origin_confirmed, dismissed) DO UPDATE SET n = n + 1;
        END;

        CREATE TRIGGER rollup_causes_update AFTER UPDATE OF origin, root_causes, root_causes_confirmed, state ON cases
        WHEN old.origin <> new.origin OR old.root_causes <> new.root_causes OR old.root_causes_confirmed <> new.root_causes_confirmed
            OR (old.state = 'dismissed') <> (new.state = 'dismissed') BEGIN
            UPDATE rollup_causes SET n = n - 1 WHERE hour = old.mention_posted_at / BUCKET AND brand = old.brand AND origin = old.origin
                AND confirmed = old.root_causes_confirmed AND old.root_causes <> '' AND old.state <> 'dismissed'
                AND cause IN (SELECT j.value FROM {For(CausesOf, "old")} j);
            INSERT INTO rollup_causes (hour, brand, origin, cause, confirmed, n)
            SELECT new.mention_posted_at / BUCKET, new.brand, new.origin, j.value, new.root_causes_confirmed, 1
            FROM {For(CausesOf, "new")} j WHERE new.root_causes <> '' AND new.state <> 'dismissed'
            ON CONFLICT (hour, brand, origin, cause, confirmed) DO UPDATE SET n = n + 1;
        END;

        CREATE TRIGGER rollup_response_update AFTER UPDATE OF first_replied_at, sla_due_at ON cases
        WHEN old.first_replied_at IS NOT new.first_replied_at OR old.sla_due_at IS NOT new.sla_due_at BEGIN
            UPDATE rollup_response SET n = n - 1 WHERE old.first_replied_at IS NOT NULL AND hour = old.mention_posted_at / BUCKET AND brand = old.brand
                AND minutes = {For(ResponseBucket, "old")} AND late = COALESCE(old.first_replied_at > old.sla_due_at, 0);
            INSERT INTO rollup_response (hour, brand, minutes, late, n)
            SELECT new.mention_posted_at / BUCKET, new.brand, {For(ResponseBucket, "new")}, COALESCE(new.first_replied_at > new.sla_due_at, 0), 1
            WHERE new.first_replied_at IS NOT NULL
            ON CONFLICT (hour, brand, minutes, late) DO UPDATE SET n = n + 1;
        END;
        """;
        sql = System.Text.RegularExpressions.Regex.Replace(sql, @"\bhour\b", column);
        sql = System.Text.RegularExpressions.Regex.Replace(sql, "(rollup_(?:mentions|cases|causes|response))(?![a-z])", "$1" + suffix);
        return sql.Replace("/ BUCKET", bucket, StringComparison.Ordinal);
    }

    private static string For(string template, string row) => template.Replace("X.", row + ".", StringComparison.Ordinal);

    private static string Step2 => $$"""
        ALTER TABLE cases ADD COLUMN author_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE cases ADD COLUMN origin_guess TEXT NOT NULL DEFAULT 'unknown';
        ALTER TABLE cases ADD COLUMN root_causes_guess TEXT NOT NULL DEFAULT '';
        ALTER TABLE cases ADD COLUMN sla_due_at INTEGER;
        ALTER TABLE cases ADD COLUMN follow_ups INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE cases ADD COLUMN sla_shown INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE mentions ADD COLUMN case_id INTEGER REFERENCES cases(id);
        UPDATE cases SET
            origin_guess = CASE WHEN origin_confirmed = 0 THEN origin ELSE 'unknown' END,
            root_causes_guess = CASE WHEN root_causes_confirmed = 0 THEN root_causes ELSE '' END,
            author_key = (SELECT lower(m.network || ':' || ltrim(trim(m.author_handle), '@')) FROM mentions m WHERE m.id = cases.mention_id);
        UPDATE mentions SET case_id = (SELECT c.id FROM cases c WHERE c.mention_id = mentions.id);

        -- Follow-ups find an author's open case; "open [mine]" and the summary read the open cases.
        CREATE INDEX ix_cases_open_author ON cases (brand, author_key) WHERE state IN ('new','claimed','replied');
        CREATE INDEX ix_cases_open ON cases (state, mention_posted_at, brand, assignee_id, sla_due_at, first_replied_at) WHERE state IN ('new','claimed','replied');
        -- Highest-reach complaint authors: the few complaints from big accounts (fast path), and all
        -- complaints by time, covering, for periods with fewer than five big accounts.
        CREATE INDEX ix_mentions_big_reach ON mentions (posted_at, author_followers, brand, author_handle, network)
            WHERE negative = 1 AND duplicate_of IS NULL AND author_followers >= 10000;
        CREATE INDEX ix_mentions_reach ON mentions (posted_at, author_followers, brand, author_handle, network)
            WHERE negative = 1 AND duplicate_of IS NULL;
        CREATE INDEX ix_mentions_case ON mentions (case_id) WHERE case_id IS NOT NULL;

        CREATE TABLE case_labels (
            case_id     INTEGER PRIMARY KEY REFERENCES cases(id),
            label       TEXT    NOT NULL,
            origin      TEXT    NOT NULL DEFAULT '',
            root_causes TEXT    NOT NULL DEFAULT '',
            corrected   INTEGER NOT NULL,
            updated_at  INTEGER NOT NULL
        );

        -- Rollups per UTC hour, kept by triggers inside the writing transaction, so a month's report
        -- reads a few thousand rows instead of a hundred thousand cases.
        {{Rollups("", "hour", Hour)}}
        {{Rollups("_daily", "day", Day)}}
        """;

}
