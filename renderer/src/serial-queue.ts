/**
 * Scans are handled strictly in the order they were made: a scanner types the
 * next barcode while the desk still answers the last one, and an item must not
 * be taken for a card because the card's lookup had not finished.
 */
export function createSerialQueue(onError: (error: unknown) => void) {
  let tail: Promise<void> = Promise.resolve();
  return function enqueue(task: () => Promise<void> | void): Promise<void> {
    tail = tail.then(task).catch(onError);
    return tail;
  };
}
