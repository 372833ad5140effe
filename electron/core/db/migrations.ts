import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { collationKey, foldText } from '../../../shared/text';

/**
 * The schema, as an ordered list. Each migration runs in one transaction;
 * a database whose user_version is higher than the last one here is refused.
 * Never edit a migration that has shipped: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'core tables: settings, patrons, titles, items, loans, policies, calendar, audit, outbox',
    up: (db) => {
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE patrons (
          id INTEGER PRIMARY KEY,
          card_number TEXT NOT NULL UNIQUE,
          full_name TEXT NOT NULL,
          name_folded TEXT NOT NULL,
          category TEXT NOT NULL,
          expires_on TEXT NOT NULL,
          blocked INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
          block_reason TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE titles (
          id INTEGER PRIMARY KEY,
          title TEXT NOT NULL,
          authors TEXT NOT NULL DEFAULT '[]',
          material_type TEXT NOT NULL,
          search_folded TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE items (
          id INTEGER PRIMARY KEY,
          title_id INTEGER NOT NULL REFERENCES titles(id),
          barcode TEXT NOT NULL UNIQUE,
          status TEXT NOT NULL DEFAULT 'available' CHECK (status IN
            ('available', 'on_loan', 'in_transit', 'in_rotation', 'lost', 'damaged', 'withdrawn')),
          loanable INTEGER NOT NULL DEFAULT 1 CHECK (loanable IN (0, 1)),
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX items_title ON items(title_id);

        CREATE TABLE loans (
          id INTEGER PRIMARY KEY,
          uuid TEXT NOT NULL UNIQUE,
          item_id INTEGER NOT NULL REFERENCES items(id),
          patron_id INTEGER NOT NULL REFERENCES patrons(id),
          loaned_at TEXT NOT NULL,
          due_on TEXT NOT NULL,
          renewals INTEGER NOT NULL DEFAULT 0,
          returned_at TEXT,
          overdue_days INTEGER,
          fee INTEGER
        ) STRICT;
        -- At most one open loan per item, held by the database itself.
        CREATE UNIQUE INDEX loans_open_item ON loans(item_id) WHERE returned_at IS NULL;
        CREATE INDEX loans_open_patron ON loans(patron_id) WHERE returned_at IS NULL;
        CREATE INDEX loans_patron ON loans(patron_id);

        CREATE TABLE loan_policies (
          patron_category TEXT NOT NULL,
          material_type TEXT NOT NULL,
          loan_days INTEGER NOT NULL,
          max_items INTEGER NOT NULL,
          max_renewals INTEGER NOT NULL,
          grace_days INTEGER NOT NULL,
          daily_fee INTEGER NOT NULL DEFAULT 0,
          PRIMARY KEY (patron_category, material_type)
        ) STRICT;

        CREATE TABLE opening_weekdays (
          weekday INTEGER PRIMARY KEY CHECK (weekday BETWEEN 0 AND 6),
          open INTEGER NOT NULL CHECK (open IN (0, 1))
        ) STRICT;

        CREATE TABLE closed_dates (
          date TEXT PRIMARY KEY,
          reason TEXT NOT NULL DEFAULT ''
        ) STRICT;

        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          operator TEXT NOT NULL,
          action TEXT NOT NULL,
          subject TEXT NOT NULL,
          details TEXT
        ) STRICT;

        -- Domain events that sync upward. Appended in the same transaction as
        -- the change; never edited, only acknowledged.
        CREATE TABLE outbox (
          device_seq INTEGER PRIMARY KEY,
          event_id TEXT NOT NULL UNIQUE,
          device_id TEXT NOT NULL,
          hlc TEXT NOT NULL,
          operator TEXT NOT NULL,
          type TEXT NOT NULL,
          payload TEXT NOT NULL,
          created_at TEXT NOT NULL,
          acked_at TEXT
        ) STRICT;

        CREATE TRIGGER outbox_gap_free BEFORE INSERT ON outbox
        WHEN NEW.device_seq <> COALESCE((SELECT MAX(device_seq) FROM outbox), 0) + 1
        BEGIN SELECT RAISE(ABORT, 'outbox device_seq must be gap-free'); END;

        CREATE TRIGGER outbox_append_only BEFORE UPDATE ON outbox
        WHEN NEW.device_seq IS NOT OLD.device_seq OR NEW.event_id IS NOT OLD.event_id
          OR NEW.device_id IS NOT OLD.device_id OR NEW.hlc IS NOT OLD.hlc
          OR NEW.operator IS NOT OLD.operator OR NEW.type IS NOT OLD.type
          OR NEW.payload IS NOT OLD.payload OR NEW.created_at IS NOT OLD.created_at
          OR (OLD.acked_at IS NOT NULL AND NEW.acked_at IS NOT OLD.acked_at)
        BEGIN SELECT RAISE(ABORT, 'outbox events are never edited, only acknowledged'); END;

        CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
        BEGIN SELECT RAISE(ABORT, 'outbox events are never deleted'); END;
      `);
    },
  },
  {
    version: 2,
    name: 'default loan policies and opening calendar',
    up: (db) => {
      const policy = db.prepare(
        `INSERT INTO loan_policies (patron_category, material_type, loan_days, max_items, max_renewals, grace_days, daily_fee)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      // Defaults a district library starts from; the desk's settings change them.
      policy.run('*', '*', 14, 5, 2, 3, 0);
      policy.run('child', '*', 14, 3, 1, 3, 0);
      policy.run('pupil', '*', 14, 5, 2, 3, 0);
      policy.run('elderly', '*', 21, 5, 2, 7, 0);
      policy.run('disabled', '*', 28, 8, 3, 7, 0);
      policy.run('*', 'periodical', 7, 3, 1, 1, 0);
      // Closed on Mondays; open Tuesday to Sunday.
      const weekday = db.prepare('INSERT INTO opening_weekdays (weekday, open) VALUES (?, ?)');
      for (let d = 0; d <= 6; d += 1) weekday.run(d, d === 1 ? 0 : 1);
    },
  },
  {
    version: 3,
    name: 'reader details, consent, blocks, erasure; configurable categories; reader search (FTS5)',
    up: (db) => {
      const columns = [
        'date_of_birth',
        'sex',
        'phone',
        'address',
        'commune',
        'id_number',
        'introduced_by',
        'guardian_name',
        'guardian_phone',
        'notes',
        // A JPEG or PNG data URL.
        'photo',
        // Sensitive (Decree 13/2023): only with a recorded consent.
        'ethnicity',
        'disability',
        'consent_given_at',
        'consent_recorded_by',
        'blocked_by',
        'blocked_at',
        'erased_at',
        // Search keys, kept in step by the patrons service: the phones in one form
        // ("+84 912…" and "0912…" alike) and the name in Intl.Collator('vi') order.
        'phone_key',
        'guardian_phone_key',
      ];
      for (const column of columns) db.exec(`ALTER TABLE patrons ADD COLUMN ${column} TEXT`);
      db.exec("ALTER TABLE patrons ADD COLUMN sort_key TEXT NOT NULL DEFAULT ''");
      const setKey = db.prepare('UPDATE patrons SET sort_key = ? WHERE id = ?');
      for (const row of db.prepare('SELECT id, full_name FROM patrons').all() as { id: number; full_name: string }[]) {
        setKey.run(collationKey(row.full_name), row.id);
      }
      db.exec(`
        -- Sorting and paging in Vietnamese order; name_folded beside it so that
        -- a walk in that order tests names without reading the rows.
        CREATE INDEX patrons_sort ON patrons(sort_key, name_folded);
        -- Names that begin with the query's first word, and exact names.
        CREATE INDEX patrons_name ON patrons(name_folded, sort_key);
        CREATE INDEX patrons_phone ON patrons(phone_key) WHERE phone_key IS NOT NULL;
        CREATE INDEX patrons_guardian_phone ON patrons(guardian_phone_key) WHERE guardian_phone_key IS NOT NULL;
        CREATE INDEX patrons_id_number ON patrons(id_number) WHERE id_number IS NOT NULL;
        CREATE INDEX patrons_created ON patrons(created_at);

        -- Every word of every name, folded by foldText (tone marks and đ→d: FTS5's
        -- own remove_diacritics does not fold đ), with prefix indexes for the
        -- short prefixes people type. External content: the words live in patrons.
        CREATE VIRTUAL TABLE patron_names USING fts5(
          name_folded,
          content = 'patrons',
          content_rowid = 'id',
          tokenize = 'unicode61 remove_diacritics 0',
          prefix = '1 2 3',
          detail = 'none',
          columnsize = 0
        );
        CREATE TRIGGER patron_names_insert AFTER INSERT ON patrons BEGIN
          INSERT INTO patron_names (rowid, name_folded) VALUES (NEW.id, NEW.name_folded);
        END;
        CREATE TRIGGER patron_names_delete AFTER DELETE ON patrons BEGIN
          INSERT INTO patron_names (patron_names, rowid, name_folded) VALUES ('delete', OLD.id, OLD.name_folded);
        END;
        CREATE TRIGGER patron_names_update AFTER UPDATE OF name_folded ON patrons BEGIN
          INSERT INTO patron_names (patron_names, rowid, name_folded) VALUES ('delete', OLD.id, OLD.name_folded);
          INSERT INTO patron_names (rowid, name_folded) VALUES (NEW.id, NEW.name_folded);
        END;
        INSERT INTO patron_names (patron_names) VALUES ('rebuild');

        CREATE TABLE patron_categories (
          code TEXT PRIMARY KEY,
          label_vi TEXT NOT NULL,
          label_en TEXT NOT NULL,
          active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
          position INTEGER NOT NULL
        ) STRICT;
      `);
      const category = db.prepare(
        'INSERT INTO patron_categories (code, label_vi, label_en, active, position) VALUES (?, ?, ?, 1, ?)',
      );
      [
        ['child', 'Thiếu nhi', 'Child'],
        ['pupil', 'Học sinh', 'Pupil'],
        ['adult', 'Người lớn', 'Adult'],
        ['elderly', 'Người cao tuổi', 'Elderly'],
        ['disabled', 'Người khuyết tật', 'Person with a disability'],
      ].forEach(([code, vi, en], i) => category.run(code, vi, en, i + 1));
    },
  },
  {
    version: 4,
    name: 'persistent receipt print queue',
    up: (db) => {
      db.exec(`
        CREATE TABLE print_jobs (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          payload TEXT NOT NULL,
          created_at TEXT NOT NULL,
          status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'printing', 'done', 'failed')),
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          next_attempt_at INTEGER NOT NULL DEFAULT 0,
          printed_at TEXT
        ) STRICT;
        CREATE INDEX print_jobs_pending ON print_jobs (status, next_attempt_at, id);
      `);
    },
  },
  {
    version: 5,
    name: 'catalogue: bibliographic fields, uuid, full MARC record, copies with accession numbers, title search (FTS5)',
    up: (db) => {
      // One column per BibRecord field (lists as JSON arrays): a cataloguer or
      // a support script can read them in plain SQL, and each is small. What is
      // searched gets folded columns of its own beside them.
      db.exec(`
        ALTER TABLE titles ADD COLUMN uuid TEXT;
        ALTER TABLE titles ADD COLUMN responsibility TEXT;
        ALTER TABLE titles ADD COLUMN isbn TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE titles ADD COLUMN ddc TEXT;
        ALTER TABLE titles ADD COLUMN edition TEXT;
        ALTER TABLE titles ADD COLUMN place TEXT;
        ALTER TABLE titles ADD COLUMN publisher TEXT;
        ALTER TABLE titles ADD COLUMN year TEXT;
        ALTER TABLE titles ADD COLUMN extent TEXT;
        ALTER TABLE titles ADD COLUMN series TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE titles ADD COLUMN subjects TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE titles ADD COLUMN languages TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE titles ADD COLUMN marcxml TEXT;
        ALTER TABLE titles ADD COLUMN needs_completion INTEGER NOT NULL DEFAULT 0 CHECK (needs_completion IN (0, 1));
        ALTER TABLE titles ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE titles ADD COLUMN title_folded TEXT NOT NULL DEFAULT '';
        ALTER TABLE titles ADD COLUMN authors_folded TEXT NOT NULL DEFAULT '';
        ALTER TABLE titles ADD COLUMN subjects_folded TEXT NOT NULL DEFAULT '';
        ALTER TABLE titles ADD COLUMN series_folded TEXT NOT NULL DEFAULT '';

        ALTER TABLE items ADD COLUMN accession_number TEXT;
        -- The accession number split, so that "the highest in use per prefix" is one index seek.
        ALTER TABLE items ADD COLUMN accession_prefix TEXT;
        ALTER TABLE items ADD COLUMN accession_seq INTEGER;
        ALTER TABLE items ADD COLUMN call_number TEXT;
        -- Upper-cased call number: exact and prefix lookups by index.
        ALTER TABLE items ADD COLUMN call_number_key TEXT;
        ALTER TABLE items ADD COLUMN location TEXT;
        ALTER TABLE items ADD COLUMN price INTEGER CHECK (price IS NULL OR price >= 0);
        ALTER TABLE items ADD COLUMN acquisition_kind TEXT CHECK (acquisition_kind IS NULL OR acquisition_kind IN ('purchase', 'donation'));
        ALTER TABLE items ADD COLUMN acquisition_donor TEXT;
        ALTER TABLE items ADD COLUMN acquisition_date TEXT;
      `);
      const titles = db.prepare('SELECT id, title, authors FROM titles').all() as {
        id: number;
        title: string;
        authors: string;
      }[];
      const backfill = db.prepare(
        'UPDATE titles SET uuid = ?, sort_key = ?, title_folded = ?, authors_folded = ? WHERE id = ?',
      );
      for (const t of titles) {
        const authors = JSON.parse(t.authors) as string[];
        backfill.run(randomUUID(), collationKey(t.title), foldText(t.title), foldText(authors.join(' ')), t.id);
      }
      db.exec(`
        CREATE UNIQUE INDEX titles_uuid ON titles(uuid);
        -- A title written by something other than the catalogue store (an old
        -- script, a test) still gets a global id: a random version-4 UUID.
        CREATE TRIGGER titles_uuid_default AFTER INSERT ON titles WHEN NEW.uuid IS NULL BEGIN
          UPDATE titles SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
            substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||
            substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
          WHERE id = NEW.id;
        END;
        CREATE INDEX titles_sort ON titles(sort_key);
        -- Duplicate check by title (+ author + year, compared in code).
        CREATE INDEX titles_title_folded ON titles(title_folded);
        CREATE INDEX titles_incomplete ON titles(needs_completion) WHERE needs_completion = 1;

        -- ISBNs, one row each (a title may carry several: hardback, paperback, set).
        CREATE TABLE title_isbns (
          isbn TEXT NOT NULL,
          title_id INTEGER NOT NULL REFERENCES titles(id),
          PRIMARY KEY (isbn, title_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX title_isbns_title ON title_isbns(title_id);

        CREATE UNIQUE INDEX items_accession ON items(accession_number) WHERE accession_number IS NOT NULL;
        CREATE INDEX items_accession_seq ON items(accession_prefix, accession_seq) WHERE accession_prefix IS NOT NULL;
        CREATE INDEX items_call_number ON items(call_number_key) WHERE call_number_key IS NOT NULL;

        -- Words of titles, authors, subjects and series, folded by foldText
        -- (tone marks and đ→d), with prefix indexes for what the librarian has
        -- typed so far. detail=column: enough for column filters and for bm25
        -- weights per column, at a third of the size of full positions.
        CREATE VIRTUAL TABLE title_search USING fts5(
          title_folded,
          authors_folded,
          subjects_folded,
          series_folded,
          content = 'titles',
          content_rowid = 'id',
          tokenize = 'unicode61 remove_diacritics 0',
          prefix = '1 2 3',
          detail = 'column'
        );
        CREATE TRIGGER title_search_insert AFTER INSERT ON titles BEGIN
          INSERT INTO title_search (rowid, title_folded, authors_folded, subjects_folded, series_folded)
          VALUES (NEW.id, NEW.title_folded, NEW.authors_folded, NEW.subjects_folded, NEW.series_folded);
        END;
        CREATE TRIGGER title_search_delete AFTER DELETE ON titles BEGIN
          INSERT INTO title_search (title_search, rowid, title_folded, authors_folded, subjects_folded, series_folded)
          VALUES ('delete', OLD.id, OLD.title_folded, OLD.authors_folded, OLD.subjects_folded, OLD.series_folded);
        END;
        CREATE TRIGGER title_search_update AFTER UPDATE OF title_folded, authors_folded, subjects_folded, series_folded ON titles BEGIN
          INSERT INTO title_search (title_search, rowid, title_folded, authors_folded, subjects_folded, series_folded)
          VALUES ('delete', OLD.id, OLD.title_folded, OLD.authors_folded, OLD.subjects_folded, OLD.series_folded);
          INSERT INTO title_search (rowid, title_folded, authors_folded, subjects_folded, series_folded)
          VALUES (NEW.id, NEW.title_folded, NEW.authors_folded, NEW.subjects_folded, NEW.series_folded);
        END;
        INSERT INTO title_search (title_search) VALUES ('rebuild');
      `);
    },
  },
  {
    version: 6,
    name: 'reader services: preferred language, needs profile and need policies, proxies, loans by proxy, home delivery',
    up: (db) => {
      db.exec(`
        ALTER TABLE patrons ADD COLUMN preferred_language TEXT CHECK (preferred_language IN ('vi', 'en'));
        -- Sensitive like disability: a JSON array of kinds, kept only while consent is recorded.
        ALTER TABLE patrons ADD COLUMN needs TEXT;
        ALTER TABLE patrons ADD COLUMN needs_note TEXT;

        -- What a need adds to the policy that would apply otherwise.
        CREATE TABLE need_policies (
          need TEXT PRIMARY KEY CHECK (need IN ('visual', 'hearing', 'mobility', 'other')),
          extra_loan_days INTEGER NOT NULL CHECK (extra_loan_days >= 0),
          extra_items INTEGER NOT NULL CHECK (extra_items >= 0),
          extra_renewals INTEGER NOT NULL CHECK (extra_renewals >= 0)
        ) STRICT;

        -- A proxy is a registered reader (proxy_patron_id) or a name with an ID document.
        CREATE TABLE patron_proxies (
          id INTEGER PRIMARY KEY,
          patron_id INTEGER NOT NULL REFERENCES patrons(id),
          proxy_patron_id INTEGER REFERENCES patrons(id),
          full_name TEXT,
          id_number TEXT,
          relation TEXT,
          added_at TEXT NOT NULL,
          added_by TEXT NOT NULL,
          CHECK (proxy_patron_id IS NOT NULL OR (full_name IS NOT NULL AND id_number IS NOT NULL)),
          CHECK (proxy_patron_id IS NULL OR proxy_patron_id <> patron_id)
        ) STRICT;
        CREATE INDEX patron_proxies_patron ON patron_proxies(patron_id);
        CREATE INDEX patron_proxies_proxy ON patron_proxies(proxy_patron_id) WHERE proxy_patron_id IS NOT NULL;
        CREATE INDEX patron_proxies_id_number ON patron_proxies(id_number) WHERE id_number IS NOT NULL;

        -- Who borrowed and who brought back on the reader's behalf, as they were named then.
        ALTER TABLE loans ADD COLUMN proxy_card TEXT;
        ALTER TABLE loans ADD COLUMN proxy_name TEXT;
        ALTER TABLE loans ADD COLUMN return_proxy_card TEXT;
        ALTER TABLE loans ADD COLUMN return_proxy_name TEXT;

        CREATE TABLE deliveries (
          id INTEGER PRIMARY KEY,
          uuid TEXT NOT NULL UNIQUE,
          patron_id INTEGER NOT NULL REFERENCES patrons(id),
          items TEXT NOT NULL DEFAULT '[]',
          text TEXT,
          status TEXT NOT NULL DEFAULT 'requested'
            CHECK (status IN ('requested', 'delivered', 'collected', 'cancelled')),
          requested_at TEXT NOT NULL,
          requested_by TEXT NOT NULL,
          delivered_at TEXT,
          delivered_by TEXT,
          collected_at TEXT,
          collected_by TEXT,
          cancelled_at TEXT,
          CHECK (items <> '[]' OR text IS NOT NULL)
        ) STRICT;
        CREATE INDEX deliveries_status ON deliveries(status, requested_at);
        CREATE INDEX deliveries_patron ON deliveries(patron_id);
      `);
      const need = db.prepare(
        'INSERT INTO need_policies (need, extra_loan_days, extra_items, extra_renewals) VALUES (?, ?, ?, ?)',
      );
      // Readers who cannot easily come back get two more weeks and two more items.
      need.run('visual', 14, 2, 0);
      need.run('mobility', 14, 2, 0);
      need.run('hearing', 0, 0, 0);
      need.run('other', 0, 0, 0);
      // Readers whose disability was recorded before needs existed keep their consent; the
      // librarian sets their needs with them (a free-text disability cannot be classified here).
    },
  },
  {
    version: 7,
    name: 'sync with the hub: desk state, cached exceptions, registry readers from other desks',
    up: (db) => {
      db.exec(`
        -- One row: this desk's standing with the hub. The device token lives here,
        -- not in settings, so that settings.get, exports and the audit log never carry it.
        CREATE TABLE sync_state (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          hub_url TEXT,
          device_token TEXT,
          hub_id TEXT,
          library_id TEXT,
          library_name TEXT,
          enrolled_at TEXT,
          -- Highest device_seq the hub has said it stores (its storedThrough).
          acked_through INTEGER NOT NULL DEFAULT 0,
          -- The hub's opaque pull cursor, stored in the transaction that applies its page.
          pull_cursor TEXT,
          last_push_at TEXT,
          last_pull_at TEXT,
          last_error TEXT,
          last_error_at TEXT
        ) STRICT;
        INSERT INTO sync_state (id) VALUES (1);

        -- The hub's exceptions about this library, as last heard (pulled or listed).
        CREATE TABLE sync_exceptions (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
          device_id TEXT NOT NULL,
          device_seq INTEGER NOT NULL,
          event_type TEXT NOT NULL,
          subject TEXT,
          message TEXT NOT NULL,
          details TEXT NOT NULL DEFAULT '{}',
          raised_at TEXT NOT NULL,
          resolved_at TEXT,
          resolved_by TEXT,
          resolution TEXT
        ) STRICT;
        CREATE INDEX sync_exceptions_status ON sync_exceptions(status, raised_at);

        -- Readers of the shared registry registered at another desk: their home desk.
        -- NULL for this desk's own readers, whose local fields the registry never overwrites.
        ALTER TABLE patrons ADD COLUMN home_device_id TEXT;

        -- The worker reads what is not yet acknowledged, in order.
        CREATE INDEX outbox_unacked ON outbox(device_seq) WHERE acked_at IS NULL;
      `);
    },
  },
  {
    version: 8,
    name: 'MARC records kept once, for the title and its outbox event',
    up: (db) => {
      db.exec(`
        -- A title's full MARC record (MARCXML). Never edited: a changed record is
        -- a new row, so an outbox event that names one keeps saying what it said.
        -- The title and the event that records it share one row, so a record is
        -- written once, not twice (it is most of a title's bytes).
        CREATE TABLE marc_records (
          id INTEGER PRIMARY KEY,
          marcxml TEXT NOT NULL
        ) STRICT;
        CREATE TRIGGER marc_records_unchanged BEFORE UPDATE ON marc_records
        BEGIN SELECT RAISE(ABORT, 'MARC records are never edited: a changed record is a new one'); END;

        ALTER TABLE titles ADD COLUMN marc_id INTEGER REFERENCES marc_records(id);
        INSERT INTO marc_records (id, marcxml) SELECT id, marcxml FROM titles WHERE marcxml IS NOT NULL;
        UPDATE titles SET marc_id = id WHERE marcxml IS NOT NULL;
        ALTER TABLE titles DROP COLUMN marcxml;

        -- An event whose payload's marcxml is a kept MARC record: the payload is
        -- stored with "marcxml": null and read back with the record's text.
        -- Events written before keep their MARCXML inline.
        ALTER TABLE outbox ADD COLUMN marc_id INTEGER REFERENCES marc_records(id);
        DROP TRIGGER outbox_append_only;
        CREATE TRIGGER outbox_append_only BEFORE UPDATE ON outbox
        WHEN NEW.device_seq IS NOT OLD.device_seq OR NEW.event_id IS NOT OLD.event_id
          OR NEW.device_id IS NOT OLD.device_id OR NEW.hlc IS NOT OLD.hlc
          OR NEW.operator IS NOT OLD.operator OR NEW.type IS NOT OLD.type
          OR NEW.payload IS NOT OLD.payload OR NEW.created_at IS NOT OLD.created_at
          OR NEW.marc_id IS NOT OLD.marc_id
          OR (OLD.acked_at IS NOT NULL AND NEW.acked_at IS NOT OLD.acked_at)
        BEGIN SELECT RAISE(ABORT, 'outbox events are never edited, only acknowledged'); END;
      `);
    },
  },
];

export const latestSchemaVersion = migrations[migrations.length - 1]?.version ?? 0;
