import i18next from 'i18next';
import type { z } from 'zod';
import type { ChannelInput } from '../../shared/contract';
import { patronsChannels } from '../../shared/contract/patrons';
import type { PatronRecord } from '../../shared/patron-record';

/** The fields of the reader form, in the order they are shown (and listed in the error summary). */
export const formFields = [
  'fullName',
  'dateOfBirth',
  'sex',
  'category',
  'preferredLanguage',
  'phone',
  'address',
  'commune',
  'idNumber',
  'introducedBy',
  'guardianName',
  'guardianPhone',
  'notes',
  'photo',
  'expiresOn',
  'consent',
  'ethnicity',
  'disability',
] as const;
export type FormField = (typeof formFields)[number];
export type Sex = '' | 'female' | 'male' | 'other';
/** The reader's language for what the desk shows them; '' for the desk's own. */
export type PreferredLanguage = '' | 'vi' | 'en';

/** What the form holds: text as typed, '' for "not given". */
export interface ReaderFormValues {
  fullName: string;
  dateOfBirth: string;
  sex: Sex;
  category: string;
  preferredLanguage: PreferredLanguage;
  phone: string;
  address: string;
  commune: string;
  idNumber: string;
  introducedBy: string;
  guardianName: string;
  guardianPhone: string;
  notes: string;
  /** A JPEG or PNG data URL, or ''. */
  photo: string;
  expiresOn: string;
  consent: boolean;
  ethnicity: string;
  disability: string;
}

/** Field errors in the UI language; `form` holds what belongs to no one field (a refusal from the desk). */
export type FieldErrors = Partial<Record<FormField | 'form', string>>;

const textFields = [
  'phone',
  'address',
  'commune',
  'idNumber',
  'introducedBy',
  'guardianName',
  'guardianPhone',
  'notes',
] as const;
const guardianFields = new Set<FormField>(['guardianName', 'guardianPhone']);

export function blankValues(category: string): ReaderFormValues {
  return {
    fullName: '',
    dateOfBirth: '',
    sex: '',
    category,
    preferredLanguage: '',
    phone: '',
    address: '',
    commune: '',
    idNumber: '',
    introducedBy: '',
    guardianName: '',
    guardianPhone: '',
    notes: '',
    photo: '',
    expiresOn: '',
    consent: false,
    ethnicity: '',
    disability: '',
  };
}

export function valuesOf(record: PatronRecord): ReaderFormValues {
  return {
    fullName: record.fullName,
    dateOfBirth: record.dateOfBirth ?? '',
    sex: record.sex ?? '',
    category: record.category,
    preferredLanguage: record.preferredLanguage ?? '',
    phone: record.phone ?? '',
    address: record.address ?? '',
    commune: record.commune ?? '',
    idNumber: record.idNumber ?? '',
    introducedBy: record.introducedBy ?? '',
    guardianName: record.guardianName ?? '',
    guardianPhone: record.guardianPhone ?? '',
    notes: record.notes ?? '',
    photo: record.photo ?? '',
    expiresOn: record.expiresOn,
    consent: record.sensitive !== null,
    ethnicity: record.sensitive?.ethnicity ?? '',
    disability: record.sensitive?.disability ?? '',
  };
}

/** Guardian fields are asked for child readers, and kept in view wherever one was recorded. */
export function asksGuardian(values: ReaderFormValues, initial?: ReaderFormValues): boolean {
  return values.category === 'child' || Boolean(initial && (initial.guardianName || initial.guardianPhone));
}

/** A new reader: only what was filled in; the desk issues the card and its expiry when they are left empty. */
export function registerInput(values: ReaderFormValues): ChannelInput<'patrons.register'> {
  const input: ChannelInput<'patrons.register'> = { fullName: values.fullName, category: values.category };
  if (values.dateOfBirth) input.dateOfBirth = values.dateOfBirth;
  if (values.sex) input.sex = values.sex;
  if (values.preferredLanguage) input.preferredLanguage = values.preferredLanguage;
  for (const field of textFields) {
    if (guardianFields.has(field) && !asksGuardian(values)) continue;
    if (values[field].trim() !== '') input[field] = values[field];
  }
  if (values.photo) input.photo = values.photo;
  if (values.expiresOn) input.expiresOn = values.expiresOn;
  if (values.consent) {
    input.sensitive = { consent: true, ethnicity: values.ethnicity, disability: values.disability };
  }
  return input;
}

/** Changed details: every field on show is sent, an emptied one as "not given" (null). */
export function updateInput(
  cardNumber: string,
  values: ReaderFormValues,
  initial: ReaderFormValues,
): ChannelInput<'patrons.update'> {
  const input: ChannelInput<'patrons.update'> = {
    cardNumber,
    fullName: values.fullName,
    category: values.category,
    dateOfBirth: values.dateOfBirth || null,
    sex: values.sex || null,
    photo: values.photo || null,
    preferredLanguage: values.preferredLanguage || null,
  };
  for (const field of textFields) {
    if (guardianFields.has(field) && !asksGuardian(values, initial)) continue;
    input[field] = values[field];
  }
  return input;
}

const labelKeys = {
  fullName: 'ui.form.fullName',
  dateOfBirth: 'ui.form.dateOfBirth',
  sex: 'ui.form.sex',
  category: 'ui.form.category',
  preferredLanguage: 'ui.services.preferredLanguage.label',
  phone: 'ui.form.phone',
  address: 'ui.form.address',
  commune: 'ui.form.commune',
  idNumber: 'ui.form.idNumber',
  introducedBy: 'ui.form.introducedBy',
  guardianName: 'ui.form.guardianName',
  guardianPhone: 'ui.form.guardianPhone',
  notes: 'ui.form.notes',
  photo: 'ui.form.photo',
  expiresOn: 'ui.form.expiresOn',
  consent: 'ui.sensitive.consent',
  ethnicity: 'ui.sensitive.ethnicity',
  disability: 'ui.sensitive.disability',
} as const satisfies Record<FormField, string>;

/** Fields with a message of their own, whatever the rule they broke. */
const ownMessages = {
  dateOfBirth: 'ui.formErrors.dateOfBirth',
  sex: 'ui.formErrors.sex',
  category: 'ui.formErrors.category',
  phone: 'ui.formErrors.phone',
  guardianPhone: 'ui.formErrors.guardianPhone',
  idNumber: 'ui.formErrors.idNumber',
  photo: 'ui.formErrors.photo',
  expiresOn: 'ui.formErrors.expiresOn',
  consent: 'ui.formErrors.consent',
} as const satisfies Partial<Record<FormField, string>>;

function hasOwnMessage(field: FormField): field is keyof typeof ownMessages {
  return Object.prototype.hasOwnProperty.call(ownMessages, field);
}

export function fieldLabel(field: FormField): string {
  return i18next.t(labelKeys[field]);
}

/** The desk's words for one broken rule of a field (never zod's own English text). */
export function fieldMessage(field: FormField, issue?: z.core.$ZodIssue): string {
  if (field === 'fullName' && (!issue || issue.code === 'too_small')) return i18next.t('ui.formErrors.fullNameMissing');
  if (issue?.code === 'too_big') {
    return i18next.t('ui.formErrors.tooLong', { field: fieldLabel(field), max: Number(issue.maximum) });
  }
  if (hasOwnMessage(field)) return i18next.t(ownMessages[field]);
  return i18next.t('ui.formErrors.invalid', { field: fieldLabel(field) });
}

function fieldOf(path: readonly PropertyKey[]): FormField | null {
  const [first, second] = path;
  const name = first === 'sensitive' ? (second ?? 'consent') : first;
  return typeof name === 'string' && (formFields as readonly string[]).includes(name) ? (name as FormField) : null;
}

/**
 * Check the input with the contract's own schema, so the form refuses exactly
 * what the desk would. `incomplete` names date fields the browser could not
 * read (a half-typed date reads as empty).
 */
export function validateInput(
  channel: 'patrons.register' | 'patrons.update',
  input: unknown,
  incomplete: readonly FormField[] = [],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of incomplete) errors[field] = fieldMessage(field);
  const result = patronsChannels[channel].input.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = fieldOf(issue.path);
      if (field === null) errors.form ??= i18next.t('ui.formErrors.server', { message: issue.message });
      else errors[field] ??= fieldMessage(field, issue);
    }
  }
  return errors;
}

/** The errors in the order of the form, for the summary. */
export function orderedErrors(errors: FieldErrors): { field: FormField | 'form'; message: string }[] {
  const list: { field: FormField | 'form'; message: string }[] = [];
  for (const field of formFields) {
    const message = errors[field];
    if (message) list.push({ field, message });
  }
  if (errors.form) list.push({ field: 'form', message: errors.form });
  return list;
}
