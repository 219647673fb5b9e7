/// The store's schema as an ordered list of migrations; `PRAGMA user_version` records how
/// many have run. A migration is applied in one transaction with the version bump, so a
/// crash leaves the store at the previous version, never half-way. Never edit a released
/// migration: append a new one.
public enum Schema {
    public struct Migration: Sendable {
        public let version: Int
        public let summary: String
        public let sql: String
    }

    public static let migrations: [Migration] = [
        Migration(version: 1, summary: "registry versions, loaded files, channels, series blobs, rejects", sql: """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        -- SPEC §2: each accepted registry import is a version; the raw files are kept verbatim
        -- so an auditor can see exactly what was in force. A version governs the dates from
        -- `effective_from` until the next version's.
        CREATE TABLE registry_versions (
            version_id     INTEGER PRIMARY KEY,
            imported_at    TEXT NOT NULL,            -- CST wall clock, YYYY-MM-DD HH:MM:SS
            effective_from TEXT NOT NULL,            -- YYYY-MM-DD
            source         TEXT NOT NULL,            -- the directory imported
            sha256         TEXT NOT NULL,            -- over the files, in name order
            summary        TEXT NOT NULL             -- e.g. "6 districts, 176 enterprises, …"
        );
        CREATE TABLE registry_files (
            version_id INTEGER NOT NULL REFERENCES registry_versions(version_id),
            name       TEXT NOT NULL,
            sha256     TEXT NOT NULL,
            content    BLOB NOT NULL,
            PRIMARY KEY (version_id, name)
        );
        -- Rejected imports are kept too (what was tried, why it failed).
        CREATE TABLE registry_rejections (
            rejection_id INTEGER PRIMARY KEY,
            attempted_at TEXT NOT NULL,
            source       TEXT NOT NULL,
            issue_count  INTEGER NOT NULL,
            issues       TEXT NOT NULL               -- one `file:line: reason` per line
        );

        -- SPEC §3.3: a file is identified by its content hash; loading it again is a no-op.
        CREATE TABLE files (
            file_id          INTEGER PRIMARY KEY,
            sha256           TEXT NOT NULL UNIQUE,
            path             TEXT NOT NULL,
            format           TEXT NOT NULL,          -- hj212 | csv
            bytes            INTEGER NOT NULL,
            loaded_at        TEXT NOT NULL,
            registry_version INTEGER,
            lines            INTEGER NOT NULL,
            packets          INTEGER NOT NULL,       -- lines that parsed as packets / CSV rows
            readings         INTEGER NOT NULL,       -- values stored
            rejected_lines   INTEGER NOT NULL,
            dropped_values   INTEGER NOT NULL,       -- fields dropped (unknown code, bad value)
            duplicates       INTEGER NOT NULL,
            conflicts        INTEGER NOT NULL,
            unknown_mn_packets INTEGER NOT NULL,
            responses        INTEGER NOT NULL,       -- CN 9xxx lines, ignored
            crc_warnings     INTEGER NOT NULL,       -- bad CRC loaded under crc_policy=warn
            versions         TEXT NOT NULL,          -- protocol versions seen, e.g. "2017:8640 2025:96"
            first_data       TEXT,                   -- earliest DataTime loaded
            last_data        TEXT
        );
        -- Every rejected line counted by reason, with the first examples kept (SPEC §3.3).
        CREATE TABLE rejects (
            file_id INTEGER NOT NULL REFERENCES files(file_id),
            reason  TEXT NOT NULL,
            count   INTEGER NOT NULL,
            PRIMARY KEY (file_id, reason)
        );
        CREATE TABLE reject_examples (
            file_id INTEGER NOT NULL REFERENCES files(file_id),
            reason  TEXT NOT NULL,
            line    INTEGER NOT NULL,
            detail  TEXT NOT NULL,
            text    TEXT NOT NULL,                   -- the line (first 500 bytes, lossy UTF-8)
            PRIMARY KEY (file_id, reason, line)
        );
        -- Which days each file brought data for (late data detection, input fingerprints).
        CREATE TABLE file_days (
            file_id   INTEGER NOT NULL REFERENCES files(file_id),
            day       INTEGER NOT NULL,              -- days since 1970-01-01 (CST)
            readings  INTEGER NOT NULL,
            conflicts INTEGER NOT NULL,
            PRIMARY KEY (day, file_id)
        );

        -- A channel is what a device sends: (MN, factor code). Readings are keyed by it, not
        -- by the registry's point id, so a later registry version re-maps without reloading.
        CREATE TABLE channels (
            channel_id INTEGER PRIMARY KEY,
            mn         TEXT NOT NULL,
            code       TEXT NOT NULL,
            UNIQUE (mn, code)
        );
        CREATE TABLE params (
            param_id INTEGER PRIMARY KEY,
            name     TEXT NOT NULL UNIQUE            -- Pt, Ept, Val (sensor value), Ia, RS, …
        );
        -- One row per channel × day × CN × parameter: a SeriesCodec blob of that day's
        -- readings (times as seconds of the CST day, exact decimals, data flags).
        CREATE TABLE series (
            series_id  INTEGER PRIMARY KEY,
            day        INTEGER NOT NULL,
            channel_id INTEGER NOT NULL REFERENCES channels(channel_id),
            cn         INTEGER NOT NULL,             -- 2011 realtime, 2051 minute, 2061 hour, 2031 day
            param_id   INTEGER NOT NULL REFERENCES params(param_id),
            n          INTEGER NOT NULL,
            data       BLOB NOT NULL,
            file_id    INTEGER NOT NULL              -- the file that last changed it
        );
        CREATE UNIQUE INDEX series_key ON series(day, channel_id, cn, param_id);

        -- SPEC §3.1: packets from an MN the registry does not know are kept aside and counted.
        CREATE TABLE unknown_mn (
            mn      TEXT NOT NULL,
            day     INTEGER NOT NULL,
            packets INTEGER NOT NULL,
            PRIMARY KEY (mn, day)
        );
        CREATE TABLE parked_packets (
            file_id INTEGER NOT NULL REFERENCES files(file_id),
            line    INTEGER NOT NULL,
            mn      TEXT NOT NULL,
            day     INTEGER,
            raw     BLOB NOT NULL,
            PRIMARY KEY (file_id, line)
        );
        -- SPEC §8 CLOCK: the largest |QN time − DataTime| of CN 2011 packets per channel-day.
        CREATE TABLE clock_skew (
            day           INTEGER NOT NULL,
            channel_id    INTEGER NOT NULL REFERENCES channels(channel_id),
            max_abs_skew_s INTEGER NOT NULL,
            PRIMARY KEY (day, channel_id)
        );
        """),
        Migration(version: 2, summary: "computations and their results (facility-days, events, data quality)", sql: """
        -- SPEC §4–§8: each `pems compute`/`pems export` run of a period is one computation, with
        -- the effective settings, registry version, engine version and a fingerprint of the
        -- inputs it read, so an auditor can tell whether a stored result is still current.
        CREATE TABLE computations (
            computation_id   INTEGER PRIMARY KEY,
            from_day         TEXT NOT NULL,          -- YYYY-MM-DD, first day of the period
            to_day           TEXT NOT NULL,          -- last day, inclusive
            streamed_from    TEXT NOT NULL,          -- first day read (look-back included)
            registry_version INTEGER,
            engine_version   TEXT NOT NULL,
            settings         TEXT NOT NULL,          -- the effective settings (YAML)
            fingerprint      TEXT NOT NULL,          -- SHA-256 over settings, registry and data read
            started_at       TEXT NOT NULL,
            seconds          REAL NOT NULL,
            facility_days    INTEGER NOT NULL,       -- computed, look-back included
            events           INTEGER NOT NULL,
            findings         INTEGER NOT NULL
        );
        CREATE INDEX computations_period ON computations(from_day, to_day);
        CREATE TABLE result_facility_days (
            computation_id      INTEGER NOT NULL REFERENCES computations(computation_id),
            date                TEXT NOT NULL,
            facility_id         TEXT NOT NULL,
            enterprise_id       TEXT NOT NULL,
            kind                TEXT NOT NULL,
            completeness        REAL NOT NULL,
            running_minutes     INTEGER NOT NULL,
            energy_kwh          REAL NOT NULL,
            baseline_power_kw   REAL,
            sync_rate           REAL,
            effective_rate      REAL,
            collection_rate     REAL,
            removal_rate        REAL,
            stopped_minutes     INTEGER,
            ineffective_minutes INTEGER,
            low_minutes         INTEGER,
            generated_kg        REAL,
            emitted_kg          REAL,
            n_slots             INTEGER,
            sync_slots          INTEGER,
            PRIMARY KEY (computation_id, date, facility_id)
        );
        CREATE TABLE result_events (
            computation_id INTEGER NOT NULL REFERENCES computations(computation_id),
            rule           TEXT NOT NULL,
            enterprise_id  TEXT NOT NULL,
            facility_id    TEXT,
            start          TEXT NOT NULL,
            end            TEXT NOT NULL,
            minutes        INTEGER NOT NULL,         -- inside the period
            evidence       TEXT NOT NULL             -- JSON (EventEvidence)
        );
        CREATE INDEX result_events_run ON result_events(computation_id);
        CREATE TABLE result_dq (
            computation_id INTEGER NOT NULL REFERENCES computations(computation_id),
            date           TEXT NOT NULL,
            point_id       TEXT NOT NULL,
            enterprise_id  TEXT NOT NULL,
            check_name     TEXT NOT NULL,
            detail         TEXT NOT NULL
        );
        CREATE INDEX result_dq_run ON result_dq(computation_id);
        """),
        Migration(version: 3, summary: "day cache: a day's slot values and reading carries, keyed by the data read", sql: """
        -- Derived data only (docs/COMPUTE.md "Look-back and the day cache"): a day's SPEC §4
        -- slot values of every registry point and what its readings pass on to the next day's
        -- §8 checks, so the look-back of a later computation reads them instead of decoding the
        -- day's series again. `cache_key` hashes everything the entry was computed from (cache
        -- format, registry, slot length, the series of the day and of the next day); an entry
        -- whose key differs is recomputed, so deleting rows never changes a result.
        CREATE TABLE day_cache (
            day          INTEGER NOT NULL,           -- CST day index, as series.day
            slot_minutes INTEGER NOT NULL,
            cache_key    TEXT NOT NULL,
            data         BLOB NOT NULL,              -- DayCacheCodec (Sources/Baselines)
            PRIMARY KEY (day, slot_minutes)
        );
        """),
        Migration(version: 4, summary: "accounting (SPEC §9): facility-day accounting columns, carbon status, response baselines", sql: """
        -- SPEC §9.1–§9.3: what the slot level knows and the roll-ups, reductions and rankings
        -- need, stored per facility-day so they never recompute slots.
        ALTER TABLE result_facility_days ADD COLUMN baseline_energy_kwh REAL;    -- §6 baseline energy (§9.3)
        ALTER TABLE result_facility_days ADD COLUMN captured_kg REAL;            -- §9.2, production
        ALTER TABLE result_facility_days ADD COLUMN removed_kg REAL;             -- §9.2, production
        ALTER TABLE result_facility_days ADD COLUMN normal_slots INTEGER;        -- N slots NORMAL (effective rate)
        ALTER TABLE result_facility_days ADD COLUMN removal_slots INTEGER;       -- N slots running (removal rate)
        ALTER TABLE result_facility_days ADD COLUMN outlet_measured_kg REAL;     -- §9.2 voc_out × flow
        ALTER TABLE result_facility_days ADD COLUMN outlet_estimated_kg REAL;    -- captured − removed, same slots
        ALTER TABLE result_facility_days ADD COLUMN outlet_slots INTEGER;
        -- Roll-ups read the newest computation covering each date.
        CREATE INDEX result_facility_days_date ON result_facility_days(date, computation_id);
        -- SPEC §9.4: activated-carbon status at the end of each day of the period.
        CREATE TABLE result_carbon_days (
            computation_id  INTEGER NOT NULL REFERENCES computations(computation_id),
            date            TEXT NOT NULL,
            facility_id     TEXT NOT NULL,
            enterprise_id   TEXT NOT NULL,
            replaced_at     TEXT NOT NULL,           -- the governing replacement, YYYY-MM-DD HH:MM:SS
            running_hours   REAL NOT NULL,
            energy_kwh      REAL NOT NULL,
            air_volume_m3   REAL NOT NULL,
            days            REAL NOT NULL,
            remaining       REAL,                    -- remaining capacity 0…1, NULL without limits
            due             INTEGER NOT NULL,        -- 0/1
            reached         TEXT NOT NULL,           -- limits reached, space-separated (days hours kWh m3)
            PRIMARY KEY (computation_id, date, facility_id)
        );
        -- SPEC §9.5/§13.21: baseline energy of each production facility on a response's first day.
        CREATE TABLE result_response_baselines (
            computation_id      INTEGER NOT NULL REFERENCES computations(computation_id),
            response_id         TEXT NOT NULL,
            date                TEXT NOT NULL,
            facility_id         TEXT NOT NULL,
            baseline_energy_kwh REAL,
            PRIMARY KEY (computation_id, response_id, facility_id)
        );
        """),
        Migration(version: 5, summary: "hourly treatment conditions per facility-day", sql: """
        -- SPEC §5.4 per CST hour (HourlyConditions: S stopped, I ineffective, L low, U unknown,
        -- N normal, '-' no slot of N), for the hour-of-day heat map of reports and briefs.
        ALTER TABLE result_facility_days ADD COLUMN hourly_conditions TEXT;
        """),
        Migration(version: 6, summary: "run ledger: every job run, the input fingerprints it used and its outputs", sql: """
        -- SPEC §11: each job run (nightly, weekly, monthly, rerun) is one row, written when the run
        -- starts (status `running`) and completed when it ends, so a run killed at any point is
        -- still visible: the next run, holding the store lock, marks it `interrupted`.
        CREATE TABLE runs (
            run_id           INTEGER PRIMARY KEY,
            command          TEXT NOT NULL,          -- e.g. nightly, weekly, monthly, rerun
            parameters       TEXT NOT NULL,          -- JSON object of strings, sorted keys
            settings         TEXT NOT NULL,          -- the effective settings (SettingsFile.render)
            engine_version   TEXT NOT NULL,
            registry_version INTEGER,                -- registry_versions.version_id in force, if any
            registry_sha256  TEXT,
            out_dir          TEXT NOT NULL,          -- run_outputs.path is relative to it
            started_at       TEXT NOT NULL,          -- CST wall clock, YYYY-MM-DD HH:MM:SS
            ended_at         TEXT,                   -- NULL while running
            status           TEXT NOT NULL,          -- running | succeeded | partial | failed | interrupted
            exit_code        INTEGER,
            message          TEXT,
            files_loaded     INTEGER NOT NULL DEFAULT 0,
            rejected_lines   INTEGER NOT NULL DEFAULT 0,
            late_days        INTEGER NOT NULL DEFAULT 0,
            pid              INTEGER NOT NULL,
            host             TEXT NOT NULL
        );
        CREATE INDEX runs_status ON runs(status);
        -- The fingerprint of the input data a run used for each day (late data shows as a
        -- different fingerprint for the same day in a later run).
        CREATE TABLE run_inputs (
            run_id      INTEGER NOT NULL REFERENCES runs(run_id),
            day         TEXT NOT NULL,               -- YYYY-MM-DD (CST)
            fingerprint TEXT NOT NULL,
            PRIMARY KEY (run_id, day)
        );
        CREATE INDEX run_inputs_day ON run_inputs(day, run_id);
        -- Every file a run wrote, with its SHA-256, so two runs' outputs compare without the files.
        CREATE TABLE run_outputs (
            run_id INTEGER NOT NULL REFERENCES runs(run_id),
            path   TEXT NOT NULL,                    -- relative to runs.out_dir
            sha256 TEXT NOT NULL,
            bytes  INTEGER NOT NULL,
            PRIMARY KEY (run_id, path)
        );
        """),
        Migration(version: 7, summary: "kept-aside lines: unknown MNs and unknown codes wait for a registry that knows them", sql: """
        -- SPEC §3.1, §13.37: a line the registry cannot place is kept aside verbatim — the whole
        -- line when its MN is unknown (`codes` NULL), else the line with the codes of a known MN
        -- the registry does not know (its other values were loaded). When a registry version
        -- knows them, the lines are loaded again in load order (file_id, line) as a load of
        -- their own (`files.format` = 'kept_aside'), of a known MN's line only the codes set
        -- aside. Replaces `parked_packets`, whose rows (unknown MNs) are carried over.
        CREATE TABLE kept_aside (
            file_id INTEGER NOT NULL REFERENCES files(file_id),
            line    INTEGER NOT NULL,                -- physical line the line/record starts on
            format  TEXT NOT NULL,                   -- hj212 | csv
            mn      TEXT NOT NULL,
            codes   TEXT,                            -- NULL: unknown MN; else the unknown codes (hj212: comma-separated; csv: the row's code)
            day     INTEGER,                         -- CST day index of its DataTime / time
            columns TEXT,                            -- csv: positions of time mn code param value flag in its header, e.g. "0 1 2 3 4 -1"
            raw     BLOB NOT NULL,                   -- the line as read, line end excluded
            PRIMARY KEY (file_id, line)
        );
        CREATE INDEX kept_aside_key ON kept_aside(mn, codes, format);
        INSERT INTO kept_aside(file_id, line, format, mn, codes, day, columns, raw)
            SELECT p.file_id, p.line, f.format, p.mn, NULL, p.day, NULL, p.raw
            FROM parked_packets p JOIN files f ON f.file_id = p.file_id;
        DROP TABLE parked_packets;
        -- Values of known MNs kept aside (unknown code) per load; before schema 7 they were
        -- dropped and counted in `rejects` as `dropped:unknown_code`.
        ALTER TABLE files ADD COLUMN kept_aside_readings INTEGER NOT NULL DEFAULT 0;
        """),
        Migration(version: 8, summary: "run ledger: the release version beside the engine fingerprint", sql: """
        -- Issue 15: `engine_version` of runs (and of computations) now holds the engine
        -- fingerprint — a SHA-256 of the sources that decide stored results and of the schema
        -- version, made at build time — and the release version people name (e.g. 0.1.0) gets
        -- its own column. Runs recorded before held the release version in `engine_version`
        -- (there was no fingerprint); it is copied over, and stays there too.
        ALTER TABLE runs ADD COLUMN release_version TEXT;
        UPDATE runs SET release_version = engine_version;
        """),
        Migration(version: 9, summary: "SPEC 2: events' violating minutes; every replaced reading kept (revisions)", sql: """
        -- SPEC 2 §12: an event's violating slots × S beside its span. Results computed before
        -- hold 0 here; they are never reused, since the engine fingerprint changed with SPEC 2.
        ALTER TABLE result_events ADD COLUMN violating_minutes INTEGER NOT NULL DEFAULT 0;

        -- SPEC 2 §3.3, §13.35 (seed 001 §4.2 "原始数据暂不允许修约"): a reading replaced by a
        -- later load with a different value leaves a row here, never deleted. `revision_id` is
        -- the load order (one load: files in name order, lines in file order; loads in the order
        -- they ran). A reading replaced twice has two rows.
        CREATE TABLE revisions (
            revision_id INTEGER PRIMARY KEY,
            day         INTEGER NOT NULL,             -- the reading's CST day (Day index)
            channel_id  INTEGER NOT NULL REFERENCES channels(channel_id),
            cn          INTEGER NOT NULL,             -- 2011, 2051, 2061 (`-Hour` in exports), 2031
            param_id    INTEGER NOT NULL REFERENCES params(param_id),
            second      INTEGER NOT NULL,             -- seconds since the day's 00:00 CST
            old_value   REAL NOT NULL,
            old_flag    TEXT NOT NULL,
            new_value   REAL NOT NULL,
            new_flag    TEXT NOT NULL,
            file_id     INTEGER NOT NULL REFERENCES files(file_id),  -- the file that brought the new value
            loaded_at   TEXT NOT NULL                 -- when that load ran (CST)
        );
        CREATE INDEX revisions_day ON revisions(day);
        """),
        Migration(version: 10, summary: "issue 18: the events approved exemptions kept out of the count", sql: """
        -- Issue 18 (seed 001 §5.5.8, seed 003 附件4 报备): a second SPEC §7 pass with every
        -- exemption ignored, over the enterprises with an approved exemption; the events it finds
        -- that an approved exemption reaches, one row per event and exemption. `exemption_no` is
        -- the exemption's 1-based row in the registry's exemptions.csv; `suppressed_minutes` the
        -- event's violating slots inside the period that exemption covers × S. Computations
        -- stored before have no rows here; they are never reused (the engine fingerprint changed).
        CREATE TABLE result_exempted_events (
            computation_id          INTEGER NOT NULL REFERENCES computations(computation_id),
            rule                    TEXT NOT NULL,
            enterprise_id           TEXT NOT NULL,
            facility_id             TEXT,
            start                   TEXT NOT NULL,
            end                     TEXT NOT NULL,
            minutes                 INTEGER NOT NULL,
            violating_minutes       INTEGER NOT NULL,
            exemption_no            INTEGER NOT NULL,
            exemption_enterprise_id TEXT NOT NULL,
            exemption_facility_id   TEXT,
            exemption_start         TEXT NOT NULL,
            exemption_end           TEXT NOT NULL,
            exemption_reason        TEXT,
            suppressed_minutes      INTEGER NOT NULL
        );
        CREATE INDEX result_exempted_events_run ON result_exempted_events(computation_id);
        """),
        Migration(version: 11, summary: "missing-slot runs per point and day (补采清单); rejected lines per MN (data transmission)", sql: """
        -- SPEC §4, seed 001 §5.5.2 "补采": each run of consecutive missing slots of a point in
        -- a CST day; a point without any usable reading that day has one run over the day.
        -- start/end (exclusive) YYYY-MM-DD HH:MM:SS CST, slots = (end − start) / S.
        CREATE TABLE result_point_gaps (
            computation_id INTEGER NOT NULL REFERENCES computations(computation_id),
            date           TEXT NOT NULL,
            point_id       TEXT NOT NULL,
            enterprise_id  TEXT NOT NULL,
            mn             TEXT NOT NULL,
            start          TEXT NOT NULL,
            end            TEXT NOT NULL,
            slots          INTEGER NOT NULL,
            PRIMARY KEY (computation_id, point_id, start)
        );
        -- Rejected lines (`rejects`) whose MN could be read, per load and MN: the 传输情况 sheet
        -- gives them to the MN's district. Loads before schema 11 have none (city only).
        CREATE TABLE reject_mns (
            file_id INTEGER NOT NULL REFERENCES files(file_id),
            mn      TEXT NOT NULL,
            lines   INTEGER NOT NULL,
            PRIMARY KEY (file_id, mn)
        );
        """),
        Migration(version: 12, summary: "per-day series summaries kept by triggers (late-data and reuse checks without a series scan)", sql: """
        -- What `Store.seriesFingerprints` reports per day: the day's series rows, readings
        -- (sum of n), newest file merged in (max file_id) and blob bytes (sum of length(data)).
        -- Until schema 12 every job computed these with a scan of the day's series (at city
        -- scale seconds per month of days); the triggers below keep them as series change, so
        -- the same figures are read from one row per day. `max_file_id` is NULL when a delete
        -- or an update may have lowered it: the reader then takes max(file_id) from `series`.
        -- A day whose last series row is deleted loses its row, as GROUP BY would.
        CREATE TABLE series_days (
            day         INTEGER PRIMARY KEY,
            rows        INTEGER NOT NULL,
            readings    INTEGER NOT NULL,
            max_file_id INTEGER,
            bytes       INTEGER NOT NULL
        );
        INSERT INTO series_days(day, rows, readings, max_file_id, bytes)
            SELECT day, count(*), sum(n), max(file_id), sum(length(data)) FROM series GROUP BY day;
        CREATE TRIGGER series_days_insert AFTER INSERT ON series BEGIN
            INSERT INTO series_days(day, rows, readings, max_file_id, bytes)
                VALUES (NEW.day, 1, NEW.n, NEW.file_id, length(NEW.data))
                ON CONFLICT(day) DO UPDATE SET rows = rows + 1, readings = readings + excluded.readings,
                    max_file_id = max(max_file_id, excluded.max_file_id), bytes = bytes + excluded.bytes;
        END;
        CREATE TRIGGER series_days_delete AFTER DELETE ON series BEGIN
            UPDATE series_days SET rows = rows - 1, readings = readings - OLD.n, bytes = bytes - length(OLD.data),
                max_file_id = CASE WHEN OLD.file_id < max_file_id THEN max_file_id END
                WHERE day = OLD.day;
            DELETE FROM series_days WHERE day = OLD.day AND rows = 0;
        END;
        CREATE TRIGGER series_days_update AFTER UPDATE ON series BEGIN
            UPDATE series_days SET rows = rows - 1, readings = readings - OLD.n, bytes = bytes - length(OLD.data),
                max_file_id = CASE WHEN OLD.file_id < max_file_id OR (NEW.day = OLD.day AND NEW.file_id >= OLD.file_id)
                                   THEN max_file_id END
                WHERE day = OLD.day;
            DELETE FROM series_days WHERE day = OLD.day AND rows = 0;
            INSERT INTO series_days(day, rows, readings, max_file_id, bytes)
                VALUES (NEW.day, 1, NEW.n, NEW.file_id, length(NEW.data))
                ON CONFLICT(day) DO UPDATE SET rows = rows + 1, readings = readings + excluded.readings,
                    max_file_id = max(max_file_id, excluded.max_file_id), bytes = bytes + excluded.bytes;
        END;
        """),
        Migration(version: 13, summary: "receive lags: CN 2011 lines with a receive time per channel-day and whole-second lag (CLOCK, re-send lag)", sql: """
        -- SPEC §13.38: a packet line may start with its receive time. Per channel-day (the day
        -- of DataTime) of CN 2011 lines that carried one: how many lines were received
        -- `lag_s` whole seconds after their DataTime (milliseconds dropped from both; negative
        -- when the DataTime is after the receive time). Each load adds its lines, so the same
        -- day's lines loaded from many files on different nights give one exact distribution
        -- (median, largest lags, lines later than a limit); a file is never loaded twice
        -- (SPEC §3.3). Lines without a receive time go to `clock_skew` as before.
        CREATE TABLE receive_lag (
            day        INTEGER NOT NULL,
            channel_id INTEGER NOT NULL REFERENCES channels(channel_id),
            lag_s      INTEGER NOT NULL,
            lines      INTEGER NOT NULL,
            PRIMARY KEY (day, channel_id, lag_s)
        ) WITHOUT ROWID;
        """),
        Migration(version: 14, summary: "run ledger: every attempt to push a day's provincial JSON and the province's reply", sql: """
        -- Issue 19, seed 003 附件3: `pems push` and the nightly job POST a day's published
        -- `abnormal` and `limit` payloads to the province. Each attempt is one row of the run
        -- that made it: what was sent (the published file, its SHA-256 and size), to which
        -- address, when, and what came back (HTTP status and reply body, or the error). A
        -- payload with nothing to send is one row with attempt 0 and outcome `empty`. A day's
        -- payload counts as delivered once a row of it has outcome `accepted` or `empty`.
        CREATE TABLE push_attempts (
            run_id      INTEGER NOT NULL REFERENCES runs(run_id),
            day         TEXT NOT NULL,               -- YYYY-MM-DD (CST), the reported day
            payload     TEXT NOT NULL,               -- abnormal | limit
            attempt     INTEGER NOT NULL,            -- 1, 2, …; 0 for `empty`
            url         TEXT NOT NULL,
            file        TEXT NOT NULL,               -- relative to runs.out_dir
            sha256      TEXT NOT NULL,
            bytes       INTEGER NOT NULL,
            at          TEXT NOT NULL,               -- CST wall clock the attempt started
            http_status INTEGER,                     -- NULL: no answer (error says why)
            error       TEXT,
            reply       TEXT,                        -- the reply body as received (UTF-8, cut at 4000 characters)
            outcome     TEXT NOT NULL,               -- accepted | rejected | failed | empty
            PRIMARY KEY (run_id, day, payload, attempt)
        );
        CREATE INDEX push_attempts_day ON push_attempts(day, payload, outcome);
        """),
        Migration(version: 15, summary: "day summaries: a computed day's thresholds, normal days and reading carries, keyed by the data they depend on", sql: """
        -- Issue 20, derived data only (docs/COMPUTE.md "Day summaries"): what a look-back day
        -- passes on to later days once it has been computed — each point's θ (SPEC §5.2), each
        -- facility's §6 normal-day figures and each point's §8 carry — so a later computation
        -- that needs nothing else of the day reads this small entry instead of computing it.
        -- `summary_key` hashes everything the entry depends on (format, engine, registry,
        -- computing settings, slot length, and the series of every day from the threshold
        -- look-back before it to the day after it); an entry whose key differs is recomputed,
        -- so deleting rows never changes a result.
        CREATE TABLE day_summary (
            day          INTEGER NOT NULL,           -- CST day index, as series.day
            slot_minutes INTEGER NOT NULL,
            summary_key  TEXT NOT NULL,
            data         BLOB NOT NULL,              -- DaySummaryCodec (Sources/Baselines)
            PRIMARY KEY (day, slot_minutes)
        );
        """),
        Migration(version: 16, summary: "open days: a period's last day as computed before its next day could be read", sql: """
        -- Issue 20, derived data only (docs/COMPUTE.md "Open days"): the last day of a period is
        -- computed without its next day (SPEC §13.12), so it can be neither cached nor
        -- summarized; the next night needs it whole as look-back. This keeps what the next
        -- computation needs to finish it without decoding it again: its slot values and carries,
        -- each point's θ, and for each counter point whose last pair is still open the sums of
        -- that pair's slot. `open_key` hashes the format, engine, registry, computing settings,
        -- slot length and the series of the day and of its threshold look-back; an entry whose
        -- key differs is not used, so deleting rows never changes a result.
        CREATE TABLE day_open (
            day          INTEGER NOT NULL,           -- CST day index, as series.day
            slot_minutes INTEGER NOT NULL,
            open_key     TEXT NOT NULL,
            data         BLOB NOT NULL,              -- OpenDayCodec (Sources/Baselines)
            PRIMARY KEY (day, slot_minutes)
        );
        """),
        Migration(version: 17, summary: "day tops: a computed day's largest slot powers per point, for later days' thresholds", sql: """
        -- Issue 20, derived data only (docs/COMPUTE.md "Day tops"): a θ is the 90th percentile
        -- of 28 days' slot powers (SPEC §5.2), which lies among each day's largest values on
        -- all but unusual days. This keeps, per point, a computed day's count of present slot
        -- powers and its largest quarter of them, so a later θ reads these instead of the
        -- whole day; a θ they cannot settle is found from the whole days. `tops_key` is made
        -- as a summary's key; an entry whose key differs is not used, so deleting rows never
        -- changes a result.
        CREATE TABLE day_tops (
            day          INTEGER NOT NULL,           -- CST day index, as series.day
            slot_minutes INTEGER NOT NULL,
            tops_key     TEXT NOT NULL,
            data         BLOB NOT NULL,              -- DayTopsCodec (Sources/Baselines)
            PRIMARY KEY (day, slot_minutes)
        );
        """),
    ]

    /// The newest schema version this build knows.
    public static var currentVersion: Int { migrations.last?.version ?? 0 }

    /// `PRAGMA application_id` of every pems store: the bytes "PEMS" as a big-endian 32-bit
    /// integer (0x50454D53 = 1346719059), at offset 68 of the file's header, where `file(1)`
    /// shows it too. Set in the same transaction as each migration, so a store is marked the
    /// moment it has a schema; stores made before the mark (application_id 0) get it the next
    /// time a command opens them for writing. A SQLite file with any other id, or with 0 and
    /// no pems tables, is not a store: pems refuses it and leaves it untouched (`StoreIdentity`).
    public static let applicationID: Int32 = 0x5045_4D53

    /// Tables every pems schema has held since migration 1: a file with application_id 0
    /// holding all of these (and a `user_version` of 1 or more) was made by an earlier pems.
    static let firstTables: Set<String> = ["meta", "registry_versions", "files", "channels", "series"]
}
