import { useState, type FormEvent, type ReactNode } from 'react';

interface InlineFormProps {
  testId: string;
  /** Runs once per submit; a second submit while it runs is ignored. */
  onSubmit: () => Promise<void>;
  /** Escape cancels, as the Cancel button does. */
  onCancel: () => void;
  submitLabel: string;
  submitClass: string;
  cancelLabel: string;
  children: ReactNode;
}

/** A short form inside a reader's record (block, consent): submit once, Escape or Cancel to leave. */
export function InlineForm({
  testId,
  onSubmit,
  onCancel,
  submitLabel,
  submitClass,
  cancelLabel,
  children,
}: InlineFormProps) {
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    await onSubmit();
    setBusy(false);
  }

  return (
    <form
      className="inline-form"
      noValidate
      aria-busy={busy}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
      data-testid={testId}
    >
      {children}
      <div className="actions">
        <button type="submit" className={`button ${submitClass}`} data-testid={testId.replace(/-form$/u, '-submit')}>
          {submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </form>
  );
}
