import type { Catalogue } from './vi';

/** English, complete: every key of vi.ts. */
export const en: Catalogue = {
  errors: {
    VALIDATION: 'Invalid input: {{details}}',
    UNKNOWN_CHANNEL: 'There is no function “{{channel}}”.',
    NOT_FOUND_patron: 'No reader card {{code}}.',
    NOT_FOUND_item: 'No item with barcode {{code}}.',
    NOT_FOUND: 'Not found: {{code}}.',
    CONFLICT_card: 'Card number {{code}} already belongs to another reader.',
    CONFLICT_barcode: 'Barcode {{code}} is already on another item.',
    CONFLICT_setup: 'This desk already holds data; demo data cannot be loaded.',
    CONFLICT: 'Conflicting data: {{code}}.',
    CARD_EXPIRED: '{{name}}’s card expired on {{date}}.',
    BLOCKED: '{{name}}’s card is blocked: {{reason}}',
    ALREADY_ON_LOAN: '“{{title}}” is on loan to {{name}} ({{card}}) since {{date}}.',
    ALREADY_ON_LOAN_TO_PATRON: '“{{title}}” is already on loan to this reader; it can be renewed.',
    NOT_LOANABLE: '“{{title}}” cannot be lent ({{reason}}).',
    LIMIT_REACHED: '{{name}} has {{count}} of {{max}} items of this kind.',
    RENEWAL_LIMIT: '“{{title}}” has been renewed {{count}} of {{max}} times.',
    NOT_ON_LOAN: '“{{title}}” is not on loan.',
    UNAUTHORIZED: 'Not authorised.',
    INTERNAL: 'System error: {{details}}',
  },
  reasons: {
    reference: 'reference only',
    status_lost: 'lost',
    status_damaged: 'damaged',
    status_withdrawn: 'withdrawn',
    status_in_transit: 'in transit',
    status_in_rotation: 'in rotation',
    policy: 'not allowed by the loan policy',
    noReason: 'no reason given',
  },
};
