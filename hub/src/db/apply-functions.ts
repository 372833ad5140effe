/**
 * The circulation conflict rules, as PL/pgSQL functions run inside the push
 * transaction. They live in the database so a batch of events is applied in
 * one round trip (PGlite and the server alike): the push route prepares each
 * event in TypeScript (zod-checked payload, its instant, which rule applies;
 * see apply/prepare.ts) and hands the batch to hub_apply_batch.
 *
 * Every rule either applies the event or raises an exception row that names
 * it (device_id, device_seq); nothing is dropped.
 */
export const applyFunctions = `
CREATE FUNCTION hub_log(lib uuid, k text, r text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO change_log (library_id, kind, ref) VALUES (lib, k, r)
$$;

CREATE FUNCTION hub_raise(lib uuid, dev text, seq bigint, typ text, k text, subj text, msg text, det jsonb)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE v_id bigint;
BEGIN
  INSERT INTO exceptions (library_id, kind, device_id, device_seq, event_type, subject, message, details)
  VALUES (lib, k, dev, seq, typ, subj, msg, COALESCE(det, '{}'::jsonb)) RETURNING id INTO v_id;
  INSERT INTO change_log (library_id, kind, ref) VALUES (lib, 'exception', v_id::text);
END $$;

CREATE FUNCTION hub_set_copy_status(lib uuid, code text, st text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE copies SET status = st WHERE library_id = lib AND barcode = code AND status IS DISTINCT FROM st;
  IF FOUND THEN INSERT INTO change_log (library_id, kind, ref) VALUES (lib, 'copy', code); END IF;
END $$;

-- A checkout. The item on loan to someone else: the old loan is closed as
-- unverified (loan_conflict). An older checkout arriving late is recorded as
-- closed, unverified, when the newer loan began (loan_conflict). A reader
-- blocked at the hub: the loan stands (blocked_patron_loan). Unknown item or
-- reader: parked (unknown_item / unknown_patron), not applied.
CREATE FUNCTION hub_apply_checkout(lib uuid, dev text, seq bigint, typ text, p jsonb, at timestamptz)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_item text := p->>'item';
  v_card text := p->>'patron';
  v_loan text := p->>'loanId';
  v_patron patrons%ROWTYPE;
  v_open loans%ROWTYPE;
  v_closed timestamptz;
  v_outcome text := 'applied';
BEGIN
  SELECT * INTO v_patron FROM patrons WHERE library_id = lib AND card_number = v_card;
  IF NOT EXISTS (SELECT 1 FROM copies WHERE library_id = lib AND barcode = v_item) THEN
    PERFORM hub_raise(lib, dev, seq, typ, 'unknown_item', v_item,
      format('Checkout of barcode %s, which the hub does not know.', v_item),
      jsonb_build_object('loanId', v_loan, 'patron', v_card, 'patronKnown', v_patron.card_number IS NOT NULL));
    RETURN 'exception';
  END IF;
  IF v_patron.card_number IS NULL THEN
    PERFORM hub_raise(lib, dev, seq, typ, 'unknown_patron', v_card,
      format('Checkout to card %s, which the hub does not know.', v_card),
      jsonb_build_object('loanId', v_loan, 'item', v_item));
    RETURN 'exception';
  END IF;
  IF EXISTS (SELECT 1 FROM loans WHERE library_id = lib AND loan_uuid = v_loan) THEN
    PERFORM hub_raise(lib, dev, seq, typ, 'unapplied', v_item,
      format('Loan %s is already known to the hub.', v_loan), jsonb_build_object('loanId', v_loan));
    RETURN 'exception';
  END IF;
  SELECT * INTO v_open FROM loans WHERE library_id = lib AND barcode = v_item AND closed_at IS NULL FOR UPDATE;
  IF v_open.id IS NOT NULL AND v_open.loaned_at > at THEN
    v_closed := v_open.loaned_at;
    PERFORM hub_raise(lib, dev, seq, typ, 'loan_conflict', v_item,
      format('Item %s was lent offline before a later loan the hub already had.', v_item),
      jsonb_build_object('loanId', v_loan, 'patron', v_card, 'openLoanId', v_open.loan_uuid,
        'openPatron', v_open.card_number, 'closedAsUnverified', v_loan));
    v_outcome := 'exception';
  ELSIF v_open.id IS NOT NULL THEN
    UPDATE loans SET closed_at = at, closed_as = 'unverified' WHERE id = v_open.id;
    PERFORM hub_raise(lib, dev, seq, typ, 'loan_conflict', v_item,
      format('Item %s was still on loan when it was lent again.', v_item),
      jsonb_build_object('loanId', v_loan, 'patron', v_card, 'previousLoanId', v_open.loan_uuid,
        'previousPatron', v_open.card_number, 'closedAsUnverified', v_open.loan_uuid));
    v_outcome := 'exception';
  END IF;
  INSERT INTO loans (library_id, loan_uuid, barcode, card_number, device_id, device_seq, loaned_at, due_on, closed_at, closed_as)
  VALUES (lib, v_loan, v_item, v_card, dev, seq, at, p->>'dueOn', v_closed,
          CASE WHEN v_closed IS NULL THEN NULL ELSE 'unverified' END);
  IF v_closed IS NULL THEN PERFORM hub_set_copy_status(lib, v_item, 'on_loan'); END IF;
  IF v_patron.blocked THEN
    PERFORM hub_raise(lib, dev, seq, typ, 'blocked_patron_loan', v_card,
      format('Card %s is blocked at the hub; the loan stands.', v_card),
      jsonb_build_object('loanId', v_loan, 'item', v_item, 'reason', v_patron.block_reason));
    v_outcome := 'exception';
  END IF;
  RETURN v_outcome;
END $$;

-- A return, always accepted: it closes the matching loan at its own time (a
-- loan closed as unverified becomes returned). No matching loan: recorded as
-- return_without_loan; the item is available unless a loan still holds it.
CREATE FUNCTION hub_apply_return(lib uuid, dev text, seq bigint, typ text, p jsonb, at timestamptz)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_item text := p->>'item';
  v_card text := p->>'patron';
  v_loan text := p->>'loanId';
  v_found loans%ROWTYPE;
  v_open loans%ROWTYPE;
  v_outcome text := 'applied';
BEGIN
  IF NOT EXISTS (SELECT 1 FROM copies WHERE library_id = lib AND barcode = v_item) THEN
    PERFORM hub_raise(lib, dev, seq, typ, 'unknown_item', v_item,
      format('Return of barcode %s, which the hub does not know.', v_item),
      jsonb_build_object('loanId', v_loan, 'patron', v_card));
    RETURN 'exception';
  END IF;
  IF v_loan IS NOT NULL THEN
    SELECT * INTO v_found FROM loans WHERE library_id = lib AND loan_uuid = v_loan FOR UPDATE;
  END IF;
  IF v_found.id IS NOT NULL THEN
    IF v_found.closed_as IS DISTINCT FROM 'returned' THEN
      UPDATE loans SET closed_at = at, closed_as = 'returned' WHERE id = v_found.id;
    END IF;
  ELSE
    SELECT * INTO v_open FROM loans WHERE library_id = lib AND barcode = v_item AND closed_at IS NULL FOR UPDATE;
    IF v_open.id IS NOT NULL AND v_open.card_number IS NOT DISTINCT FROM v_card AND v_open.loaned_at <= at THEN
      UPDATE loans SET closed_at = at, closed_as = 'returned' WHERE id = v_open.id;
    ELSE
      PERFORM hub_raise(lib, dev, seq, typ, 'return_without_loan', v_item,
        format('Return of %s with no matching loan at the hub.', v_item),
        jsonb_build_object('loanId', v_loan, 'patron', v_card, 'returnedAt', at));
      v_outcome := 'exception';
    END IF;
  END IF;
  PERFORM hub_set_copy_status(lib, v_item, CASE WHEN EXISTS (
    SELECT 1 FROM loans WHERE library_id = lib AND barcode = v_item AND closed_at IS NULL) THEN 'on_loan' ELSE 'available' END);
  RETURN v_outcome;
END $$;

CREATE FUNCTION hub_apply_renewal(lib uuid, dev text, seq bigint, typ text, p jsonb, at timestamptz)
RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  UPDATE loans SET due_on = p->>'dueOn', renewals = COALESCE((p->>'renewals')::int, renewals + 1)
   WHERE library_id = lib AND loan_uuid = p->>'loanId' AND closed_at IS NULL;
  IF FOUND THEN RETURN 'applied'; END IF;
  PERFORM hub_raise(lib, dev, seq, typ, 'unapplied', p->>'item',
    format('Renewal of loan %s, which is not open at the hub.', p->>'loanId'),
    jsonb_build_object('loanId', p->>'loanId', 'dueOn', p->>'dueOn'));
  RETURN 'exception';
END $$;

-- Registrations and changes to readers; a card number already another
-- reader's is parked as duplicate_registration.
CREATE FUNCTION hub_apply_patron(lib uuid, dev text, seq bigint, typ text, k text, p jsonb, at timestamptz)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_card text := p->>'cardNumber';
  v_changes jsonb := COALESCE(p->'changes', '{}'::jsonb);
BEGIN
  IF k = 'registered' THEN
    INSERT INTO patrons (library_id, card_number, full_name, category, expires_on, blocked, home_device_id, details, registered_at)
    VALUES (lib, v_card, p->>'fullName', p->>'category', p->>'expiresOn', (p->>'blocked')::boolean, dev,
            COALESCE(p->'details', '{}'::jsonb), at)
    ON CONFLICT (library_id, card_number) DO NOTHING;
    IF NOT FOUND THEN
      PERFORM hub_raise(lib, dev, seq, typ, 'duplicate_registration', v_card,
        format('Card %s is already another reader''s.', v_card), jsonb_build_object('fullName', p->>'fullName'));
      RETURN 'exception';
    END IF;
    INSERT INTO change_log (library_id, kind, ref) VALUES (lib, 'patron', v_card);
    RETURN 'applied';
  END IF;
  PERFORM 1 FROM patrons WHERE library_id = lib AND card_number = v_card FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM hub_raise(lib, dev, seq, typ, 'unknown_patron', v_card,
      format('%s names card %s, which the hub does not know.', typ, v_card), '{}'::jsonb);
    RETURN 'exception';
  END IF;
  IF k = 'updated' THEN
    UPDATE patrons SET full_name = COALESCE(v_changes->>'fullName', full_name),
           category = COALESCE(v_changes->>'category', category),
           details = COALESCE(details, '{}'::jsonb) || (v_changes - 'fullName' - 'category')
     WHERE library_id = lib AND card_number = v_card AND NOT erased;
  ELSIF k = 'blocked' OR k = 'unblocked' THEN
    UPDATE patrons SET blocked = (k = 'blocked'), block_reason = CASE WHEN k = 'blocked' THEN p->>'reason' END
     WHERE library_id = lib AND card_number = v_card;
  ELSIF k = 'cardRenewed' THEN
    UPDATE patrons SET expires_on = p->>'expiresOn' WHERE library_id = lib AND card_number = v_card;
  ELSIF k = 'consent' THEN
    -- Consent lives at the desk with the sensitive values; the hub holds neither.
    RETURN 'applied';
  ELSIF k = 'erased' THEN
    PERFORM hub_erase_patron(lib, v_card);
  END IF;
  INSERT INTO change_log (library_id, kind, ref) VALUES (lib, 'patron', v_card);
  RETURN 'applied';
END $$;

-- An erasure at the reader's desk erases the reader at the hub too: the
-- registry keeps only the card number (a tombstone, so the other desks erase
-- their copy); stored events that carried the reader's details keep their row
-- (sequence, type, time: exactly-once still holds) with the payload replaced
-- by a redaction marker; loan events and loans lose the card number; the
-- exceptions about the reader lose their details.
CREATE FUNCTION hub_erase_patron(lib uuid, card text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE v_id bigint;
BEGIN
  UPDATE patrons SET full_name = '', details = NULL, blocked = false, block_reason = NULL, erased = true
   WHERE library_id = lib AND card_number = card;
  UPDATE events SET payload = jsonb_build_object('cardNumber', card, 'redacted', true)
   WHERE library_id = lib AND subject_card = card AND type LIKE 'patron.%' AND type <> 'patron.erased';
  UPDATE events SET payload = payload || '{"patron": null, "redacted": true}'::jsonb, subject_card = NULL
   WHERE library_id = lib AND subject_card = card AND type LIKE 'loan.%' AND jsonb_typeof(payload) = 'object';
  UPDATE loans SET card_number = NULL WHERE library_id = lib AND card_number = card;
  FOR v_id IN
    UPDATE exceptions SET details = '{"redacted": true}'::jsonb, message = 'Details removed: the reader was erased.'
     WHERE library_id = lib AND (subject = card OR details->>'patron' = card OR details->>'previousPatron' = card
           OR details->>'openPatron' = card)
    RETURNING id
  LOOP
    INSERT INTO change_log (library_id, kind, ref) VALUES (lib, 'exception', v_id::text);
  END LOOP;
END $$;

-- A title (TitleRecord) inserted or replacing the hub's; copies upserted by
-- barcode. The hub's loans decide whether a copy is out; the record decides
-- the rest (lost, withdrawn …). A barcode of another title is not moved.
CREATE FUNCTION hub_apply_title(lib uuid, dev text, seq bigint, typ text, p jsonb, at timestamptz)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_uuid uuid := (p->>'uuid')::uuid;
  v_owner uuid;
  v_copy jsonb;
  v_code text;
  v_title_of uuid;
  v_outcome text := 'applied';
BEGIN
  SELECT library_id INTO v_owner FROM titles WHERE uuid = v_uuid;
  IF v_owner IS NOT NULL AND v_owner <> lib THEN
    PERFORM hub_raise(lib, dev, seq, typ, 'unapplied', NULL,
      format('Title %s belongs to another library system.', v_uuid), jsonb_build_object('uuid', v_uuid));
    RETURN 'exception';
  END IF;
  INSERT INTO titles (uuid, library_id, bib, marcxml, needs_completion, added_at)
  VALUES (v_uuid, lib, p->'bib', p->>'marcxml', (p->>'needsCompletion')::boolean, at)
  ON CONFLICT (uuid) DO UPDATE SET bib = EXCLUDED.bib, marcxml = EXCLUDED.marcxml,
    needs_completion = EXCLUDED.needs_completion, updated_at = now();
  INSERT INTO change_log (library_id, kind, ref) VALUES (lib, 'title', v_uuid::text);
  FOR v_copy IN SELECT value FROM jsonb_array_elements(p->'copies') LOOP
    v_code := v_copy->>'barcode';
    SELECT title_uuid INTO v_title_of FROM copies WHERE library_id = lib AND barcode = v_code FOR UPDATE;
    IF v_title_of IS NOT NULL AND v_title_of <> v_uuid THEN
      PERFORM hub_raise(lib, dev, seq, typ, 'unapplied', v_code,
        format('Barcode %s already belongs to another title.', v_code),
        jsonb_build_object('titleUuid', v_uuid, 'ownerTitleUuid', v_title_of));
      v_outcome := 'exception';
      CONTINUE;
    END IF;
    INSERT INTO copies (library_id, barcode, title_uuid, record, status, added_at)
    VALUES (lib, v_code, v_uuid, v_copy - 'status',
      CASE WHEN EXISTS (SELECT 1 FROM loans WHERE library_id = lib AND barcode = v_code AND closed_at IS NULL) THEN 'on_loan'
           WHEN v_copy->>'status' = 'on_loan' THEN 'available' ELSE v_copy->>'status' END, at)
    ON CONFLICT (library_id, barcode) DO UPDATE SET record = EXCLUDED.record, status = EXCLUDED.status;
    INSERT INTO change_log (library_id, kind, ref) VALUES (lib, 'copy', v_code);
  END LOOP;
  RETURN v_outcome;
END $$;

-- One prepared event: {seq, type, rule, p, at, problem}. Returns applied | exception | stored.
CREATE FUNCTION hub_apply_event(lib uuid, dev text, e jsonb) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  seq bigint := (e->>'seq')::bigint;
  typ text := e->>'type';
  k text := e->>'rule';
  p jsonb := e->'p';
  at timestamptz := (e->>'at')::timestamptz;
BEGIN
  CASE k
    WHEN 'store' THEN RETURN 'stored';
    WHEN 'noop' THEN RETURN 'applied';
    WHEN 'invalid' THEN
      PERFORM hub_raise(lib, dev, seq, typ, 'unapplied', NULL, e->>'problem', '{}'::jsonb);
      RETURN 'exception';
    WHEN 'checkout' THEN RETURN hub_apply_checkout(lib, dev, seq, typ, p, at);
    WHEN 'return' THEN RETURN hub_apply_return(lib, dev, seq, typ, p, at);
    WHEN 'renew' THEN RETURN hub_apply_renewal(lib, dev, seq, typ, p, at);
    WHEN 'title' THEN RETURN hub_apply_title(lib, dev, seq, typ, p, at);
    ELSE RETURN hub_apply_patron(lib, dev, seq, typ, k, p, at);
  END CASE;
END $$;

-- Applies a batch in order; marks the events that raised an exception (the
-- push inserted them as applied or stored).
CREATE FUNCTION hub_apply_batch(lib uuid, dev text, batch jsonb) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  e jsonb;
  v_outcome text;
  v_exceptions integer := 0;
BEGIN
  FOR e IN SELECT value FROM jsonb_array_elements(batch) WITH ORDINALITY ORDER BY ordinality LOOP
    v_outcome := hub_apply_event(lib, dev, e);
    IF v_outcome = 'exception' THEN
      UPDATE events SET outcome = 'exception' WHERE device_id = dev AND device_seq = (e->>'seq')::bigint;
      v_exceptions := v_exceptions + 1;
    END IF;
  END LOOP;
  RETURN v_exceptions;
END $$;
`;
