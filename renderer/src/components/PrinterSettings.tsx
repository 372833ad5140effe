import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { printerTransportSchema, type PrinterConfig } from '../../../shared/contract/printing';
import { announce } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { Field } from './FormField';

type TransportType = 'none' | 'tcp' | 'serial' | 'file' | 'system';

interface Values {
  type: TransportType;
  host: string;
  port: string;
  path: string;
  baud: string;
  deviceName: string;
  width: '58' | '80';
  mode: PrinterConfig['mode'];
  autoPrint: boolean;
  skipStatus: boolean;
}

type FieldName = 'host' | 'port' | 'path' | 'baud' | 'deviceName';

function valuesOf(config: PrinterConfig): Values {
  const transport = config.transport;
  return {
    type: transport?.type ?? 'none',
    host: transport?.type === 'tcp' ? transport.host : '',
    port: transport?.type === 'tcp' ? String(transport.port) : '9100',
    path: transport?.type === 'serial' || transport?.type === 'file' ? transport.path : '',
    baud: transport?.type === 'serial' ? String(transport.baud) : '9600',
    deviceName: transport?.type === 'system' ? transport.deviceName : '',
    width: String(config.width) as Values['width'],
    mode: config.mode,
    autoPrint: config.autoPrint,
    skipStatus: config.skipStatus,
  };
}

/** The transport as the desk wants it, or the fields the contract's schema refuses. */
function transportOf(values: Values) {
  if (values.type === 'none') return { ok: true as const, transport: null };
  const raw =
    values.type === 'tcp'
      ? { type: 'tcp', host: values.host.trim(), port: Number(values.port) }
      : values.type === 'serial'
        ? { type: 'serial', path: values.path.trim(), baud: Number(values.baud) }
        : values.type === 'system'
          ? { type: 'system', deviceName: values.deviceName }
          : { type: 'file', path: values.path.trim() };
  const parsed = printerTransportSchema.safeParse(raw);
  if (parsed.success) return { ok: true as const, transport: parsed.data };
  const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0]) as FieldName));
  return { ok: false as const, fields: [...fields] };
}

/** The receipt printer: how to reach it, paper width, raster or text, automatic printing; and a test page. */
export function PrinterSettings({ onQueued }: { onQueued: () => void }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const [values, setValues] = useState<Values | null>(null);
  const [errors, setErrors] = useState<FieldName[]>([]);

  useEffect(() => {
    let cancelled = false;
    void api.printing.getConfig({}).then((result) => {
      if (cancelled) return;
      if (result.ok) setValues(valuesOf(result.data));
      else announce('error', describeError(result.error));
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  if (!values) return <p>{t('ui.loading')}</p>;
  const set = (patch: Partial<Values>) => setValues({ ...values, ...patch });
  const error = (field: FieldName) =>
    !errors.includes(field)
      ? undefined
      : field === 'deviceName'
        ? t('ui.printerOptions.deviceNameError')
        : t(`ui.devices.printer.errors.${field}`);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!values) return;
    const transport = transportOf(values);
    if (!transport.ok) {
      setErrors(transport.fields);
      announce('error', t('ui.devices.printer.invalid'));
      document.getElementById(`printer-${transport.fields[0]}`)?.focus();
      return;
    }
    setErrors([]);
    const result = await api.printing.configure({
      transport: transport.transport,
      width: values.width === '80' ? 80 : 58,
      mode: values.mode,
      autoPrint: values.autoPrint,
      skipStatus: values.skipStatus,
    });
    if (result.ok) {
      setValues(valuesOf(result.data));
      announce('success', t('ui.devices.printer.saved'));
    } else {
      announce('error', describeError(result.error));
    }
  }

  async function testPage() {
    const result = await api.printing.testPage({});
    if (result.ok) announce('success', t('ui.devices.printer.testQueued'));
    else announce('error', t('ui.receipt.refused', { message: describeError(result.error) }));
    onQueued();
  }

  return (
    <form className="printer-form" onSubmit={(event) => void save(event)} noValidate data-testid="printer-form">
      <div className="form-grid">
        <Field id="printer-type" label={t('ui.devices.printer.transport')}>
          {(control) => (
            <select
              {...control}
              value={values.type}
              onChange={(event) => set({ type: event.currentTarget.value as TransportType })}
              data-testid="printer-type"
            >
              {(['none', 'tcp', 'serial', 'file'] as const).map((type) => (
                <option key={type} value={type}>
                  {t(`ui.devices.printer.types.${type}`)}
                </option>
              ))}
              <option value="system">{t('ui.printerOptions.systemType')}</option>
            </select>
          )}
        </Field>
        {values.type === 'tcp' ? (
          <>
            <Field id="printer-host" label={t('ui.devices.printer.host')} error={error('host')} required>
              {(control) => (
                <input
                  {...control}
                  value={values.host}
                  onChange={(event) => set({ host: event.currentTarget.value })}
                  autoComplete="off"
                  spellCheck={false}
                  data-testid="printer-host"
                />
              )}
            </Field>
            <Field id="printer-port" label={t('ui.devices.printer.port')} error={error('port')} required>
              {(control) => (
                <input
                  {...control}
                  inputMode="numeric"
                  value={values.port}
                  onChange={(event) => set({ port: event.currentTarget.value })}
                  autoComplete="off"
                  data-testid="printer-port"
                />
              )}
            </Field>
          </>
        ) : null}
        {values.type === 'serial' || values.type === 'file' ? (
          <Field
            id="printer-path"
            label={t('ui.devices.printer.path')}
            hint={t(values.type === 'serial' ? 'ui.devices.printer.serialHint' : 'ui.devices.printer.fileHint')}
            error={error('path')}
            required
          >
            {(control) => (
              <input
                {...control}
                value={values.path}
                onChange={(event) => set({ path: event.currentTarget.value })}
                autoComplete="off"
                spellCheck={false}
                data-testid="printer-path"
              />
            )}
          </Field>
        ) : null}
        {values.type === 'system' ? (
          <Field
            id="printer-deviceName"
            label={t('ui.printerOptions.deviceName')}
            hint={t('ui.printerOptions.deviceNameHint')}
            error={error('deviceName')}
            required
            wide
          >
            {(control) => (
              <input
                {...control}
                value={values.deviceName}
                onChange={(event) => set({ deviceName: event.currentTarget.value })}
                autoComplete="off"
                spellCheck={false}
                data-testid="printer-device-name"
              />
            )}
          </Field>
        ) : null}
        {values.type === 'serial' ? (
          <Field id="printer-baud" label={t('ui.devices.baud')} error={error('baud')} required>
            {(control) => (
              <input
                {...control}
                inputMode="numeric"
                value={values.baud}
                onChange={(event) => set({ baud: event.currentTarget.value })}
                autoComplete="off"
                data-testid="printer-baud"
              />
            )}
          </Field>
        ) : null}
        <Field id="printer-width" label={t('ui.devices.printer.width')}>
          {(control) => (
            <select
              {...control}
              value={values.width}
              onChange={(event) => set({ width: event.currentTarget.value as Values['width'] })}
              data-testid="printer-width"
            >
              <option value="58">{t('ui.devices.printer.width58')}</option>
              <option value="80">{t('ui.devices.printer.width80')}</option>
            </select>
          )}
        </Field>
        <Field id="printer-mode" label={t('ui.devices.printer.mode')} wide>
          {(control) => (
            <select
              {...control}
              value={values.mode}
              onChange={(event) => set({ mode: event.currentTarget.value as Values['mode'] })}
              data-testid="printer-mode"
            >
              <option value="raster">{t('ui.devices.printer.raster')}</option>
              <option value="text">{t('ui.devices.printer.text')}</option>
            </select>
          )}
        </Field>
      </div>
      <div className="check">
        <input
          id="printer-auto"
          type="checkbox"
          checked={values.autoPrint}
          onChange={(event) => set({ autoPrint: event.currentTarget.checked })}
          data-testid="printer-auto"
        />
        <label htmlFor="printer-auto">{t('ui.devices.printer.autoPrint')}</label>
      </div>
      {/* Only TCP and serial links can answer DLE EOT; the others never ask. */}
      {values.type === 'tcp' || values.type === 'serial' ? (
        <div className="check">
          <input
            id="printer-skip-status"
            type="checkbox"
            checked={values.skipStatus}
            onChange={(event) => set({ skipStatus: event.currentTarget.checked })}
            data-testid="printer-skip-status"
          />
          <label htmlFor="printer-skip-status">{t('ui.printerOptions.skipStatus')}</label>
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button-primary" data-testid="printer-save">
          {t('ui.devices.printer.save')}
        </button>
        <button type="button" className="button" onClick={() => void testPage()} data-testid="printer-test">
          {t('ui.devices.printer.testPage')}
        </button>
      </div>
    </form>
  );
}
