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
}
