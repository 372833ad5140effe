import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { classifyBarcode, type BarcodeKind } from '../../../shared/barcode';
import type { LoanView, Patron } from '../../../shared/domain';
import type { DeskError } from '../../../shared/result';
import { announce, clearAnnouncement } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { formatDate } from '../format';
import { looksLikeName } from '../reader-picker';
import type { ReceiptRequest } from '../receipts';
import { useReceipts } from '../use-receipts';
import { createSerialQueue } from '../serial-queue';
import { DisplayPublisher, preferredLanguageOf } from '../display/reader-display';
import { useShortcut } from '../use-shortcut';
import { LiveRegion } from './LiveRegion';
import { LoanTable, type LoanLine } from './LoanTable';
import { PatronPanel, type PatronView } from './PatronPanel';
import { PatronPicker } from './PatronPicker';
import { ReceiptButtons } from './ReceiptButtons';
import { ScanBox } from './ScanBox';
import { ShortcutKey } from './ShortcutKey';

interface Renewable {
  item: string;
  title: string;
}

/** Put a loan in a list, replacing the same item's older line (a renewal moves its due date). */
function withLoan<T extends { loan: LoanView }>(lines: T[], line: T): T[] {
  const index = lines.findIndex((l) => l.loan.item === line.loan.item);
  if (index < 0) return [...lines, line];
  return lines.map((l, i) => (i === index ? line : l));
}

function withPatronLoan(view: PatronView | null, loan: LoanView): PatronView | null {
  if (!view) return view;
  const loans = withLoan(
    view.loans.map((l) => ({ loan: l })),
    { loan },
  ).map((l) => l.loan);
  return { ...view, loans: [...loans].sort((a, b) => a.dueOn.localeCompare(b.dueOn)) };
}

/**
 * Lending: a reader's card, then items. The renderer only asks the desk and
 * shows its answers; every rule (limits, blocks, due dates) lives in the core.
 */
export function CheckoutScreen() {
  const { t, i18n } = useTranslation();
  const { api, settings, focusScanBox, hardwareScan } = useDesk();
  const [patron, setPatron] = useState<PatronView | null>(null);
  const [session, setSession] = useState<LoanLine[]>([]);
  const [renewable, setRenewable] = useState<Renewable | null>(null);
  // Readers found by name, for one who came without their card.
  const [picker, setPicker] = useState<{ query: string; readers: Patron[] } | null>(null);
  // The reader the next scan applies to; a ref, because queued scans run before React re-renders.
  const active = useRef<{ card: string; name: string; lent: number; items: string[] } | null>(null);
  const enqueue = useMemo(
    () => createSerialQueue((error) => announce('error', error instanceof Error ? error.message : String(error))),
    [],
  );
  const receipts = useReceipts(api, enqueue, focusScanBox);
  // The reader display shows this reader's transaction only, and nothing once the screen is left.
  const display = useMemo(() => new DisplayPublisher(api), [api]);
  useEffect(() => () => display.clear(), [display]);
  const patterns = { patron: settings.patronPattern, item: settings.itemPattern };
  const due = (loan: LoanView) => formatDate(loan.dueOn, i18n.language);

  useEffect(() => clearAnnouncement, []);

  function showPatron(view: PatronView) {
    const { patron: p } = view;
    const names = { name: p.fullName, card: p.cardNumber };
    if (p.blocked) {
      announce(
        'warning',
        t('ui.announce.patronBlocked', { ...names, reason: view.blockReason ?? t('reasons.noReason') }),
        true,
      );
    } else if (view.expired) {
      announce(
        'warning',
        t('ui.announce.patronExpired', { ...names, date: formatDate(p.expiresOn, i18n.language) }),
        true,
      );
    } else {
      const count = view.loans.length;
      const overdue = view.loans.filter((loan) => loan.overdue).length;
      if (overdue > 0) announce('warning', t('ui.announce.patronOverdue', { ...names, count, overdue }));
      else announce('success', t('ui.announce.patronLoaded', { ...names, count }));
    }
    const onDisplay = { card: p.cardNumber, name: p.fullName, language: preferredLanguageOf(p, view.record) };
    if (p.blocked) display.reader(onDisplay, 'blocked', 'warning');
    else if (view.expired) display.reader(onDisplay, 'expired', 'warning');
    else display.reader(onDisplay);
    active.current = { card: p.cardNumber, name: p.fullName, lent: 0, items: [] };
    receipts.forget();
    setPicker(null);
    setPatron(view);
    setSession([]);
    setRenewable(null);
  }

  /** Readers by name (or phone, ID number) to choose from; `notFound` is what to say when there are none. */
  async function findReaders(query: string, notFound?: DeskError) {
    const result = await api.patrons.search({ query, limit: 20 });
    if (!result.ok) return announce('error', describeError(result.error));
    const count = result.data.length;
    if (count === 0) {
      setPicker(null);
      return announce('error', notFound ? describeError(notFound) : t('ui.readerAnnounce.searchNone', { query }));
    }
    announce('success', t('ui.readerAnnounce.pick', { count, query }));
    setPicker({ query, readers: result.data });
  }

  async function loadPatron(code: string, kind: BarcodeKind) {
    const result = await api.patrons.get({ cardNumber: code });
    if (result.ok) return showPatron(result.data);
    // Not a card in any known format: perhaps a phone or ID number typed in.
    if (result.error.code === 'NOT_FOUND' && kind === 'unknown') return findReaders(code, result.error);
    if (result.error.code === 'NOT_FOUND' && kind === 'item') {
      announce('error', t('ui.announce.itemFirst', { code }));
    } else {
      announce('error', describeError(result.error));
    }
  }

  async function lend(card: string, code: string, kind: BarcodeKind) {
    const result = await api.circulation.checkout({ patron: card, item: code });
    if (result.ok) {
      const loan = result.data;
      announce('success', t('ui.announce.checkedOut', { title: loan.title, barcode: loan.item, due: due(loan) }));
      if (active.current) {
        active.current.lent += 1;
        active.current.items.push(loan.item);
      }
      display.line({ kind: 'lent', title: loan.title, barcode: loan.item, dueOn: loan.dueOn, overdueDays: 0 }, 'lent');
      setSession((lines) => withLoan(lines, { loan }));
      setPatron((view) => withPatronLoan(view, loan));
      setRenewable(null);
      return;
    }
    const { error } = result;
    // A card in a format the patterns do not know may still be a reader's card.
    if (error.code === 'NOT_FOUND' && kind === 'unknown' && error.details?.code === code) {
      const other = await api.patrons.get({ cardNumber: code });
      if (other.ok) return showPatron(other.data);
    }
    if (error.code === 'ALREADY_ON_LOAN_TO_PATRON') {
      announce('warning', describeError(error), true);
      setRenewable({ item: code, title: String(error.details?.title ?? code) });
      return;
    }
    announce('error', describeError(error));
    display.message('refused', 'error');
    setRenewable(null);
  }

  function onScan(code: string) {
    void enqueue(async () => {
      const kind = classifyBarcode(code, patterns);
      if (looksLikeName(code, kind)) return findReaders(code);
      const card = active.current?.card;
      if (!card || kind === 'patron') await loadPatron(code, kind);
      else await lend(card, code, kind);
    });
  }

  function renew() {
    const target = renewable;
    if (!target) return;
    void enqueue(async () => {
      const result = await api.circulation.renew({ item: target.item });
      if (result.ok) {
        const loan = result.data;
        announce('success', t('ui.announce.renewed', { title: loan.title, barcode: loan.item, due: due(loan) }));
        if (active.current && !active.current.items.includes(loan.item)) active.current.items.push(loan.item);
        display.line(
          { kind: 'renewed', title: loan.title, barcode: loan.item, dueOn: loan.dueOn, overdueDays: 0 },
          'renewed',
        );
        setSession((lines) => withLoan(lines, { loan, renewed: true }));
        setPatron((view) => withPatronLoan(view, loan));
      } else {
        announce('error', describeError(result.error));
      }
      setRenewable(null);
      focusScanBox();
    });
  }

  function choose(reader: Patron) {
    setPicker(null);
    focusScanBox();
    void enqueue(() => loadPatron(reader.cardNumber, 'patron'));
  }

  function closePicker() {
    setPicker(null);
    focusScanBox();
  }

  function finish() {
    void enqueue(async () => {
      const done = active.current;
      const receipt: ReceiptRequest | null =
        done && done.items.length > 0 ? { kind: 'checkout', patron: done.card, items: [...done.items] } : null;
      if (done) {
        await receipts.settle(receipt, t('ui.announce.finished', { name: done.name, count: done.lent }));
      } else {
        announce('success', t('ui.announce.finishedEmpty'));
      }
      display.end();
      active.current = null;
      setPatron(null);
      setSession([]);
      setRenewable(null);
      setPicker(null);
      focusScanBox();
    });
  }

  useShortcut('F9', finish);
  useShortcut('F8', renew, renewable !== null);
  useEffect(() => {
    hardwareScan.current = onScan;
    return () => {
      hardwareScan.current = null;
    };
  });

  return (
    <div className="screen checkout-screen">
      <h1>{t('ui.checkout.heading')}</h1>
      <div className="columns">
        <section className="panel scan-panel" aria-label={t('ui.scan.label')}>
          <ScanBox hint={t(patron ? 'ui.scan.hintPatron' : 'ui.scan.hintNoPatron')} onScan={onScan} />
          <LiveRegion />
          {picker ? (
            <PatronPicker
              query={picker.query}
              readers={picker.readers}
              onChoose={choose}
              onLeave={focusScanBox}
              onClose={closePicker}
            />
          ) : null}
          <div className="actions">
            {renewable ? (
              <button type="button" className="button" onClick={renew} data-testid="renew" aria-keyshortcuts="F8">
                {t('ui.checkout.renew', { title: renewable.title })} <ShortcutKey keyName="F8" />
              </button>
            ) : null}
            <button type="button" className="button button-primary" onClick={finish} data-testid="finish">
              {t('ui.checkout.finish')} <ShortcutKey keyName="F9" />
            </button>
            <ReceiptButtons
              canPrint={receipts.canPrint}
              onPrint={receipts.printUnprinted}
              onReprint={receipts.reprint}
            />
          </div>
          <LoanTable
            caption={t('ui.checkout.sessionHeading')}
            empty={t('ui.checkout.sessionEmpty')}
            lines={session}
            testId="session-loans"
          />
        </section>
        <PatronPanel view={patron} />
      </div>
    </div>
  );
}
