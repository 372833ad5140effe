import type { ReactNode } from 'react';

type TagKind = 'ok' | 'danger' | 'info';

/** Never colour alone: each kind of tag carries its own sign beside the words. */
const signs: Record<TagKind, string> = { ok: '✓', danger: '✕', info: '' };

interface TagProps {
  kind: TagKind;
  testId?: string;
  /** Another sign than the kind's own (an overdue item is a danger, but "!" reads better than "✕"). */
  sign?: string;
  children: ReactNode;
}

/** A short status word (valid, expired, blocked, on time …) with its sign. */
export function Tag({ kind, testId, sign = signs[kind], children }: TagProps) {
  return (
    <span className={`tag tag-${kind}`} data-testid={testId}>
      {sign ? <span aria-hidden="true">{sign} </span> : null}
      {children}
    </span>
  );
}
