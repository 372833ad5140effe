import { describe, expect, it } from 'vitest';
import { patronCategorySchema, settingsSchema } from '../../shared/domain';
import { patronDetailsSchema, phoneKey, sensitiveInputSchema } from '../../shared/patron-record';
import { defaultSettings } from '../../electron/core/settings-store';

describe('phoneKey', () => {
  it('gives one form for +84, 0084, 84 and 0 numbers, with spaces, dots or dashes', () => {
    for (const written of [
      '0912345678',
      '+84912345678',
      '+84 912 345 678',
      '+84 (0) 912 345 678',
      '0084 912 345 678',
      '84912345678',
      '0912.345.678',
      '0912-345-678',
    ])
      expect(phoneKey(written), written).toBe('0912345678');
  });

  it('keeps landlines of Lai Châu (0213…) and foreign numbers as digits', () => {
    expect(phoneKey('+84 213 3876 543')).toBe('02133876543');
    expect(phoneKey('0213 3876 543')).toBe('02133876543');
    expect(phoneKey('+33 1 23 45 67 89')).toBe('33123456789');
  });

  it('works on a prefix, as a search query holds one', () => {
    expect(phoneKey('+84 91')).toBe('091');
    expect(phoneKey('0912')).toBe('0912');
    expect(phoneKey('')).toBeNull();
  });
});

describe('patronDetailsSchema', () => {
  const parse = (input: Record<string, unknown>) => patronDetailsSchema.partial().parse(input);

  it('stores text in NFC with single spaces, and empty text as null', () => {
    expect(parse({ fullName: ' Lò  Văn Đức '.normalize('NFD'), address: '   ', notes: '' })).toEqual({
      fullName: 'Lò Văn Đức',
      address: null,
      notes: null,
    });
  });

  it('strips phone punctuation, keeps the +, and refuses letters', () => {
    expect(parse({ phone: '+84 912.345-678' }).phone).toBe('+84912345678');
    expect(parse({ phone: '' }).phone).toBeNull();
    expect(patronDetailsSchema.partial().safeParse({ phone: 'số 0912' }).success).toBe(false);
  });

  it('keeps ID numbers in upper case without spaces', () => {
    expect(parse({ idNumber: 'c 123 4567' }).idNumber).toBe('C1234567');
    expect(patronDetailsSchema.partial().safeParse({ idNumber: '012-088' }).success).toBe(false);
  });

  it('takes JPEG and PNG data URLs as photos, nothing else', () => {
    expect(patronDetailsSchema.partial().safeParse({ photo: 'data:image/jpeg;base64,/9j/4AAQ' }).success).toBe(true);
    expect(patronDetailsSchema.partial().safeParse({ photo: 'data:image/svg+xml;base64,PHN2Zz4=' }).success).toBe(
      false,
    );
    expect(patronDetailsSchema.partial().safeParse({ photo: 'https://example.org/a.png' }).success).toBe(false);
  });
});

describe('sensitiveInputSchema', () => {
  it('takes ethnicity and disability only with consent: true', () => {
    expect(sensitiveInputSchema.safeParse({ consent: true, ethnicity: 'Thái' }).success).toBe(true);
    expect(sensitiveInputSchema.safeParse({ consent: false, ethnicity: 'Thái' }).success).toBe(false);
    expect(sensitiveInputSchema.safeParse({ ethnicity: 'Thái' }).success).toBe(false);
    expect(sensitiveInputSchema.safeParse({ consent: true, health: 'x' }).success).toBe(false);
  });
});

describe('patronCategorySchema', () => {
  it('takes codes, not labels', () => {
    for (const code of ['child', 'pupil', 'village_reader', 'grade5', 'x'])
      expect(patronCategorySchema.safeParse(code).success, code).toBe(true);
    for (const code of ['Child', 'Thiếu nhi', '5a', '_x', '', 'a-b', 'a'.repeat(33)])
      expect(patronCategorySchema.safeParse(code).success, code).toBe(false);
  });
});

describe('settings for cards', () => {
  it('default to Codabar, institution 1, a 12-month card and no logo', () => {
    expect(defaultSettings).toMatchObject({
      cardSymbology: 'codabar',
      institutionCode: 1,
      cardValidityMonths: 12,
      libraryLogo: null,
    });
    expect(settingsSchema.safeParse(defaultSettings).success).toBe(true);
  });

  it('refuse an institution code beyond 4 digits and a validity beyond 10 years', () => {
    for (const patch of [
      { institutionCode: 10_000 },
      { institutionCode: -1 },
      { cardValidityMonths: 0 },
      { cardValidityMonths: 121 },
    ])
      expect(settingsSchema.safeParse({ ...defaultSettings, ...patch }).success, JSON.stringify(patch)).toBe(false);
  });
});
