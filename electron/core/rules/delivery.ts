import type { DeliveryStatus } from '../../../shared/reader-services';

/**
 * A home delivery goes requested → delivered → collected; a request not yet
 * delivered may be cancelled. Nothing goes back, and nothing ends twice.
 */
const next: Record<DeliveryStatus, readonly DeliveryStatus[]> = {
  requested: ['delivered', 'cancelled'],
  delivered: ['collected'],
  collected: [],
  cancelled: [],
};

export function canMoveDelivery(from: DeliveryStatus, to: DeliveryStatus): boolean {
  return next[from].includes(to);
}
