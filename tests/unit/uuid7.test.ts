import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uuidv7 } from '../../electron/core/uuid7';

describe('uuidv7', () => {
  it('is a version-7, RFC 9562 variant UUID that the contract accepts', () => {
    const id = uuidv7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    expect(z.uuid().safeParse(id).success).toBe(true);
  });

  it('carries its millisecond in the first 48 bits', () => {
    const at = Date.now() + 1_000_000; // later than any id made so far in this test run
    expect(Number.parseInt(uuidv7(at).replaceAll('-', '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts in the order made, within a millisecond and across many, and never repeats', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // Many in one millisecond (the clock held still): still in order, the counter carrying into the next.
    const still = Date.now() + 5_000_000;
    const burst = Array.from({ length: 5000 }, () => uuidv7(still));
    expect([...burst].sort()).toEqual(burst);
  });

  it('a clock set back does not make an id that sorts before the last', () => {
    const late = uuidv7(Date.now() + 9_000_000);
    const after = uuidv7(Date.now());
    expect(after > late).toBe(true);
  });
});
