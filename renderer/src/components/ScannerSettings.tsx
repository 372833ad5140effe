import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FoundScanner, ScannerSettings as Settings } from '../../../shared/contract/devices';
import { announce } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { Tag } from './Tag';

type Terminator = 'CR' | 'LF' | 'CRLF';

/** One scanner row of the form: found now, configured before, or both. */
interface Row {
  key: string;
  scanner: FoundScanner;
  use: boolean;
  baud: string;
  terminator: Terminator;
}

const hex = (n: number | undefined) => (n ?? 0).toString(16).padStart(4, '0');

function keyOf(s: { path?: string | undefined; vendorId?: number | undefined; productId?: number | undefined }) {
  return s.path ? `serial:${s.path}` : `hid:${hex(s.vendorId)}:${hex(s.productId)}`;
}

function rowsOf(scanners: FoundScanner[], settings: Settings): Row[] {
  const rows = new Map<string, Row>();
  for (const scanner of scanners) {
    rows.set(keyOf(scanner), { key: keyOf(scanner), scanner, use: false, baud: '9600', terminator: 'CR' });
  }
  for (const serial of settings.serial) {
    const key = keyOf(serial);
    const scanner = rows.get(key)?.scanner ?? {
      kind: 'serial' as const,
      id: key,
      path: serial.path,
      configured: true,
      connected: false,
    };
    rows.set(key, { key, scanner, use: true, baud: String(serial.baudRate), terminator: serial.terminator });
  }
  for (const hid of settings.hid) {
    const key = keyOf(hid);
    const scanner = rows.get(key)?.scanner ?? {
      kind: 'hid' as const,
      id: key,
      vendorId: hid.vendorId,
      productId: hid.productId,
      configured: true,
      connected: false,
    };
    rows.set(key, { key, scanner, use: true, baud: '9600', terminator: 'CR' });
  }
  return [...rows.values()];
}

/** A scanner's name for people: its product and maker, or its port, or its USB ids. */
export function scannerName(s: FoundScanner): string {
  const words = [s.manufacturer, s.product].filter(Boolean).join(' ');
  const where = s.path ?? `${hex(s.vendorId)}:${hex(s.productId)}`;
  return words ? `${words} (${where})` : where;
}

/** Scanners found on the serial ports and as HID POS devices; the librarian chooses which to use. */
export function ScannerSettings() {
  const { t } = useTranslation();
  const { api } = useDesk();
  const [rows, setRows] = useState<Row[] | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api.devices.list({}).then((result) => {
      if (cancelled) return;
      if (result.ok) setRows(rowsOf(result.data.scanners, result.data.settings));
      else {
        setRows([]);
        announce('error', describeError(result.error));
      }
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  if (!rows) return <p>{t('ui.loading')}</p>;
  const update = (key: string, patch: Partial<Row>) =>
    setRows(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!rows) return;
    const chosen = rows.filter((row) => row.use);
    const bad = chosen.find((row) => row.scanner.kind === 'serial' && !(Number(row.baud) > 0));
    if (bad) {
      announce('error', t('ui.devices.scanners.badBaud', { name: scannerName(bad.scanner) }));
      document.getElementById(`baud-${bad.key}`)?.focus();
      return;
    }
    const result = await api.devices.configure({
      serial: chosen
        .filter((row) => row.scanner.kind === 'serial' && row.scanner.path)
        .map((row) => ({ path: row.scanner.path!, baudRate: Number(row.baud), terminator: row.terminator })),
      hid: chosen
        .filter((row) => row.scanner.kind === 'hid')
        .map((row) => ({ vendorId: row.scanner.vendorId ?? 0, productId: row.scanner.productId ?? 0 })),
    });
    if (result.ok) {
      setRows(rowsOf(result.data.scanners, result.data.settings));
      announce('success', t('ui.devices.scanners.saved', { count: chosen.length }));
    } else {
      announce('error', describeError(result.error));
    }
  }

  return (
    <form onSubmit={(event) => void save(event)} noValidate data-testid="scanner-form">
      <table className="loans scanners" data-testid="scanners">
        <caption>{t('ui.devices.scanners.found')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.devices.scanners.use')}</th>
            <th scope="col">{t('ui.devices.scanners.name')}</th>
            <th scope="col">{t('ui.devices.scanners.kind')}</th>
            <th scope="col">{t('ui.devices.scanners.state')}</th>
            <th scope="col">{t('ui.devices.baud')}</th>
            <th scope="col">{t('ui.devices.scanners.terminator')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={6} className="empty">
                {t('ui.devices.scanners.none')}
              </td>
            </tr>
          ) : (
            rows.map((row) => {
              const name = scannerName(row.scanner);
              const serial = row.scanner.kind === 'serial';
              return (
                <tr key={row.key} data-scanner={row.key}>
                  <td data-label={t('ui.devices.scanners.use')}>
                    <input
                      type="checkbox"
                      checked={row.use}
                      onChange={(event) => update(row.key, { use: event.currentTarget.checked })}
                      aria-label={t('ui.devices.scanners.useOne', { name })}
                    />
                  </td>
                  <th scope="row">{name}</th>
                  <td data-label={t('ui.devices.scanners.kind')}>
                    {t(`ui.devices.scanners.kinds.${row.scanner.kind}`)}
                  </td>
                  <td data-label={t('ui.devices.scanners.state')}>
                    {row.scanner.connected ? (
                      <Tag kind="ok">{t('ui.devices.connected')}</Tag>
                    ) : (
                      <Tag kind="info" sign="○">
                        {t('ui.devices.notConnected')}
                      </Tag>
                    )}
                  </td>
                  <td data-label={t('ui.devices.baud')}>
                    {serial ? (
                      <input
                        id={`baud-${row.key}`}
                        className="narrow"
                        inputMode="numeric"
                        value={row.baud}
                        onChange={(event) => update(row.key, { baud: event.currentTarget.value })}
                        aria-label={t('ui.devices.scanners.baudOf', { name })}
                      />
                    ) : null}
                  </td>
                  <td data-label={t('ui.devices.scanners.terminator')}>
                    {serial ? (
                      <select
                        value={row.terminator}
                        onChange={(event) => update(row.key, { terminator: event.currentTarget.value as Terminator })}
                        aria-label={t('ui.devices.scanners.terminatorOf', { name })}
                      >
                        <option value="CR">CR</option>
                        <option value="LF">LF</option>
                        <option value="CRLF">CRLF</option>
                      </select>
                    ) : null}
                  </td>
                </tr>
              );
            })
          )}
        </tbody>
      </table>
      <div className="actions">
        <button type="submit" className="button button-primary" data-testid="scanners-save">
          {t('ui.devices.scanners.save')}
        </button>
      </div>
    </form>
  );
}
