import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { classifyBarcode, type BarcodeKind } from '../../../shared/barcode';
import type { LoanView, Patron } from '../../../shared/domain';
import type { ProxyRef } from '../../../shared/reader-services';
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
import { QuickAddForm, type QuickAddValues } from './QuickAddForm';
import { ProxyChooser } from './ProxyChooser';
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
  // An item barcode the catalogue does not know: a minimal record, then the loan.
  const [quickAdd, setQuickAdd] = useState<{ code: string; card: string } | null>(null);
  // "Borrowing for a reader": the proxy (once known) and the readers who named them.
  const [proxyChoice, setProxyChoice] = useState<{
    ref: ProxyRef | null;
    name: string | null;
    readers: Patron[];
  } | null>(null);
  // The reader the next scan applies to, and the proxy acting for them; a ref,
  // because queued scans run before React re-renders.
  const active = useRef<{
    card: string;
    name: string;
    lent: number;
    items: string[];
    proxy?: { ref: ProxyRef; name: string };
  } | null>(null);
  const [acting, setActing] = useState<{ proxy: string; reader: string } | null>(null);
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
    setQuickAdd(null);
    setProxyChoice(null);
    setActing(null);
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
    const proxy = active.current?.proxy;
    const result = await api.circulation.checkout({ patron: card, item: code, ...(proxy ? { proxy: proxy.ref } : {}) });
    if (result.ok) {
      const loan = result.data;
      const lent = t('ui.announce.checkedOut', { title: loan.title, barcode: loan.item, due: due(loan) });
      announce(
        'success',
        loan.proxy
          ? `${lent} ${t('ui.services.checkoutProxy.lentFor', { proxy: loan.proxy.name, name: loan.patronName })}`
          : lent,
      );
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
    if (error.code === 'NOT_FOUND' && kind === 'item' && error.details?.code === code) {
      announce('warning', describeError(error), true);
      setQuickAdd({ code, card });
      return;
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

  /** The proxy chooser is open with readers: a scanned card chooses one of them, or is refused. */
  function chooseByCard(code: string): boolean {
    const choice = proxyChoice;
    if (!choice || choice.ref === null) return false;
    const reader = choice.readers.find((r) => r.cardNumber === code);
    if (reader) actFor(reader);
    else announce('error', t('ui.services.checkoutProxy.notNamed', { card: code, proxy: choice.name ?? '' }));
    return true;
  }

  function onScan(code: string) {
    if (classifyBarcode(code, patterns) === 'patron' && chooseByCard(code)) return;
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

  async function addAndLend(values: QuickAddValues): Promise<string | null> {
    const target = quickAdd;
    if (!target) return null;
    const result = await api.catalog.quickAdd({
      title: values.title,
      ...(values.author.trim() ? { author: values.author } : {}),
      materialType: values.materialType,
      barcode: target.code,
    });
    if (!result.ok) return describeError(result.error);
    setQuickAdd(null);
    focusScanBox();
    // The loan goes through the same queue as scans, so it cannot overtake one.
    void enqueue(async () => {
      if (active.current?.card === target.card) await lend(target.card, target.code, 'item');
    });
    return null;
  }

  function closeQuickAdd() {
    setQuickAdd(null);
    focusScanBox();
  }

  /**
   * The proxy is the reader on show (their card was scanned), or someone who shows an ID document.
   * Queued behind the scans before it: F7 pressed just after a card is scanned is about that reader,
   * even while their card is still being looked up.
   */
  function startProxy() {
    void enqueue(async () => {
      const current = active.current;
      if (!current || current.proxy) {
        setPicker(null);
        setProxyChoice({ ref: null, name: null, readers: [] });
        return;
      }
      await findReadersOf({ card: current.card }, current.name);
    });
  }

  async function findReadersOf(ref: ProxyRef, proxyName: string | null) {
    const result = await api.proxies.actingFor(ref);
    if (!result.ok) return announce('error', describeError(result.error));
    if (result.data.length === 0) {
      return announce(
        'error',
        t('ui.services.checkoutProxy.noneFor', { proxy: proxyName ?? ('idNumber' in ref ? ref.idNumber : '') }),
      );
    }
    const name = proxyName ?? ('idNumber' in ref ? t('ui.services.checkoutProxy.idHolder', { id: ref.idNumber }) : '');
    announce('success', t('ui.services.checkoutProxy.found', { proxy: name, count: result.data.length }));
    setPicker(null);
    setProxyChoice({ ref, name, readers: result.data });
  }

  function actFor(reader: Patron) {
    const choice = proxyChoice;
    if (!choice?.ref || !choice.name) return;
    const proxy = { ref: choice.ref, name: choice.name };
    setProxyChoice(null);
    focusScanBox();
    void enqueue(async () => {
      const result = await api.patrons.get({ cardNumber: reader.cardNumber });
      if (!result.ok) return announce('error', describeError(result.error));
      showPatron(result.data);
      active.current = { ...active.current!, proxy };
      setActing({ proxy: proxy.name, reader: reader.fullName });
      announce('success', t('ui.services.checkoutProxy.acting', { proxy: proxy.name, name: reader.fullName }));
    });
  }

  function closeProxy() {
    setProxyChoice(null);
    focusScanBox();
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
      setActing(null);
      setProxyChoice(null);
      setSession([]);
      setRenewable(null);
      setPicker(null);
      setQuickAdd(null);
      focusScanBox();
    });
  }

  useShortcut('F9', finish);
  useShortcut('F8', renew, renewable !== null);
  useShortcut('F7', startProxy);
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
          {acting ? (
            <p className="message message-warning proxy-banner" data-testid="proxy-banner">
              {t('ui.services.checkoutProxy.banner', { proxy: acting.proxy, name: acting.reader })}
            </p>
          ) : null}
          {proxyChoice ? (
            <ProxyChooser
              proxyName={proxyChoice.name}
              readers={proxyChoice.readers}
              onIdNumber={(idNumber) => void enqueue(() => findReadersOf({ idNumber }, null))}
              onChoose={actFor}
              onLeave={focusScanBox}
              onClose={closeProxy}
            />
          ) : null}
          {picker ? (
            <PatronPicker
              query={picker.query}
              readers={picker.readers}
              onChoose={choose}
              onLeave={focusScanBox}
              onClose={closePicker}
            />
          ) : null}
          {quickAdd ? <QuickAddForm code={quickAdd.code} onSubmit={addAndLend} onCancel={closeQuickAdd} /> : null}
          <div className="actions">
            {renewable ? (
              <button type="button" className="button" onClick={renew} data-testid="renew" aria-keyshortcuts="F8">
                {t('ui.checkout.renew', { title: renewable.title })} <ShortcutKey keyName="F8" />
              </button>
            ) : null}
            <button
              type="button"
              className="button"
              onClick={startProxy}
              aria-keyshortcuts="F7"
              aria-expanded={proxyChoice !== null}
              data-testid="borrow-for"
            >
              {t('ui.services.checkoutProxy.start')} <ShortcutKey keyName="F7" />
            </button>
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
