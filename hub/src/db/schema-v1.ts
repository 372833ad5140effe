/** Version 1 of the hub's schema: libraries, desks, the event store, the applied state, the change log. */
export const schemaV1 = `
CREATE TABLE hub_meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE libraries (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One-time codes printed by the admin command; only their hash is kept.
CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,
  library_id uuid NOT NULL REFERENCES libraries(id),
  desk_name text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by text
);

CREATE TABLE devices (
  device_id text PRIMARY KEY,
  library_id uuid NOT NULL REFERENCES libraries(id),
  name text NOT NULL,
  -- SHA-256 of the device token (hex); the token itself is never stored.
  token_hash text NOT NULL UNIQUE,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  stored_through bigint NOT NULL DEFAULT 0,
  last_push_at timestamptz,
  -- Desk clock minus hub clock at the last push, in ms; recorded, never refused for.
  clock_skew_ms bigint,
  max_abs_skew_ms bigint
);

-- Every event a desk pushed, exactly once.
CREATE TABLE events (
  device_id text NOT NULL REFERENCES devices(device_id),
  device_seq bigint NOT NULL,
  library_id uuid NOT NULL REFERENCES libraries(id),
  event_id uuid NOT NULL,
  hlc text NOT NULL,
  operator text NOT NULL,
  type text NOT NULL,
  payload jsonb,
  created_at text NOT NULL,
  -- The desk's time parsed (null when createdAt does not parse); the statistics use it.
  occurred_at timestamptz,
  received_at timestamptz NOT NULL DEFAULT now(),
  -- applied | exception (parked, see exceptions) | stored (a type this hub does not apply)
  outcome text NOT NULL DEFAULT 'stored',
  -- The reader the event names, so an erasure finds the events to redact.
  subject_card text,
  -- Idempotence: a (device, sequence) pair is stored once, whatever is retried.
  PRIMARY KEY (device_id, device_seq)
);
CREATE INDEX events_library_type_time ON events (library_id, type, occurred_at);
CREATE INDEX events_subject_card ON events (library_id, subject_card) WHERE subject_card IS NOT NULL;

CREATE TABLE patrons (
  library_id uuid NOT NULL REFERENCES libraries(id),
  card_number text NOT NULL,
  full_name text NOT NULL,
  category text NOT NULL,
  expires_on text NOT NULL,
  blocked boolean NOT NULL DEFAULT false,
  block_reason text,
  home_device_id text NOT NULL,
  -- The non-sensitive details the desk syncs (date of birth, phone …); cleared by an erasure.
  details jsonb,
  registered_at timestamptz,
  erased boolean NOT NULL DEFAULT false,
  PRIMARY KEY (library_id, card_number)
);

CREATE TABLE titles (
  uuid uuid PRIMARY KEY,
  library_id uuid NOT NULL REFERENCES libraries(id),
  bib jsonb NOT NULL,
  marcxml text,
  needs_completion boolean NOT NULL DEFAULT false,
  added_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX titles_library ON titles (library_id);

CREATE TABLE copies (
  library_id uuid NOT NULL REFERENCES libraries(id),
  barcode text NOT NULL,
  title_uuid uuid NOT NULL REFERENCES titles(uuid),
  record jsonb NOT NULL,
  status text NOT NULL,
  added_at timestamptz,
  PRIMARY KEY (library_id, barcode)
);
CREATE INDEX copies_title ON copies (title_uuid);

CREATE TABLE loans (
  id bigserial PRIMARY KEY,
  library_id uuid NOT NULL REFERENCES libraries(id),
  loan_uuid text NOT NULL,
  barcode text NOT NULL,
  card_number text,
  device_id text NOT NULL,
  device_seq bigint NOT NULL,
  loaned_at timestamptz NOT NULL,
  due_on text,
  renewals integer NOT NULL DEFAULT 0,
  closed_at timestamptz,
  -- returned | unverified (closed by a later checkout elsewhere, no return seen)
  closed_as text CHECK (closed_as IN ('returned', 'unverified')),
  UNIQUE (library_id, loan_uuid)
);
-- At most one open loan per item, held by the database.
CREATE UNIQUE INDEX loans_one_open_per_item ON loans (library_id, barcode) WHERE closed_at IS NULL;
CREATE INDEX loans_card ON loans (library_id, card_number);

CREATE TABLE exceptions (
  id bigserial PRIMARY KEY,
  library_id uuid NOT NULL REFERENCES libraries(id),
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  device_id text NOT NULL,
  device_seq bigint NOT NULL,
  event_type text NOT NULL,
  subject text,
  message text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  raised_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by text,
  resolution text,
  FOREIGN KEY (device_id, device_seq) REFERENCES events (device_id, device_seq)
);
CREATE INDEX exceptions_library_status ON exceptions (library_id, status, id);
CREATE INDEX exceptions_event ON exceptions (device_id, device_seq);

-- What changed, for pulls. txid is the writing transaction's id: a page is
-- served only below the oldest transaction still in progress (see pull.ts).
CREATE TABLE change_log (
  id bigserial PRIMARY KEY,
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  library_id uuid NOT NULL REFERENCES libraries(id),
  kind text NOT NULL CHECK (kind IN ('patron', 'title', 'copy', 'exception')),
  ref text NOT NULL
);
CREATE INDEX change_log_cursor ON change_log (library_id, txid, id);
`;
