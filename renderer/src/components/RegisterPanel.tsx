import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Duplicate } from '../../../shared/patron-record';
import { announce } from '../announcer';
import { useDesk } from '../desk-context';
import { describeError } from '../describe-error';
import { blankValues, registerInput, type FieldErrors, type ReaderFormValues } from '../reader-form';
import { DuplicatesPanel } from './DuplicatesPanel';
import { ReaderForm } from './ReaderForm';

interface RegisterPanelProps {
  onRegistered: (cardNumber: string) => void;
  onOpen: (cardNumber: string) => void;
  onCancel: () => void;
}

/**
 * Registering a reader: the form, then a duplicate check before anything is
 * saved. Likely duplicates are shown with why they match; the librarian opens
 * the existing reader or registers anyway.
 */
export function RegisterPanel({ onRegistered, onOpen, onCancel }: RegisterPanelProps) {
  const { t } = useTranslation();
  const { api, categories } = useDesk();
  const idPrefix = useId();
  const headingId = `${idPrefix}-heading`;
  const [initial] = useState(() =>
    blankValues(
      categories.some((c) => c.code === 'adult' && c.active)
        ? 'adult'
        : (categories.find((c) => c.active)?.code ?? 'adult'),
    ),
  );
  const [duplicates, setDuplicates] = useState<Duplicate[] | null>(null);
  const pending = useRef<ReaderFormValues | null>(null);
  const working = useRef(false);

  async function warn(found: Duplicate[], values: ReaderFormValues) {
    pending.current = values;
    announce('warning', t('ui.readerAnnounce.duplicates', { count: found.length }), true);
    setDuplicates(found);
  }

  /** The likely duplicates of what was typed, as the desk sees them now. */
  async function duplicatesOf(values: ReaderFormValues): Promise<Duplicate[] | undefined> {
    const input = registerInput(values);
    const found = await api.patrons.findDuplicates({
      fullName: input.fullName,
      dateOfBirth: input.dateOfBirth ?? null,
      phone: input.phone ?? null,
      idNumber: input.idNumber ?? null,
    });
    return found.ok ? found.data : undefined;
  }

  async function register(values: ReaderFormValues, acceptDuplicates: boolean): Promise<FieldErrors | undefined> {
    const input = registerInput(values);
    const result = await api.patrons.register(acceptDuplicates ? { ...input, acceptDuplicates } : input);
    if (result.ok) {
      const { fullName: name, cardNumber: card } = result.data;
      announce('success', t('ui.readerAnnounce.registered', { name, card }));
      onRegistered(card);
      return undefined;
    }
    if (result.error.code === 'POSSIBLE_DUPLICATE') {
      const found = await duplicatesOf(values);
      if (found && found.length > 0) {
        await warn(found, values);
        return undefined;
      }
    }
    return { form: describeError(result.error) };
  }

  async function onValid(values: ReaderFormValues): Promise<FieldErrors | undefined> {
    const found = await duplicatesOf(values);
    if (found && found.length > 0) {
      await warn(found, values);
      return undefined;
    }
    // When the check itself failed, the desk still checks again as it registers.
    return register(values, false);
  }

  async function registerAnyway() {
    const values = pending.current;
    if (working.current || !values) return;
    working.current = true;
    try {
      const errors = await register(values, true);
      if (errors?.form) announce('error', errors.form);
    } finally {
      working.current = false;
    }
  }

  return (
    <section className="panel register-panel" aria-labelledby={headingId} data-testid="register-panel">
      <h2 id={headingId}>{t('ui.form.registerHeading')}</h2>
      {duplicates ? (
        <DuplicatesPanel
          duplicates={duplicates}
          onOpen={onOpen}
          onRegisterAnyway={() => void registerAnyway()}
          onBack={() => {
            setDuplicates(null);
            document.getElementById(`${idPrefix}-fullName`)?.focus();
          }}
        />
      ) : null}
      <ReaderForm
        mode="register"
        idPrefix={idPrefix}
        initial={initial}
        onValid={onValid}
        onCancel={onCancel}
        onEdit={() => setDuplicates(null)}
      />
    </section>
  );
}
