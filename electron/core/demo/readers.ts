/**
 * A demo reader's details beyond the name: birth date by category, phone,
 * commune and hamlet of Tam Đường, ID card, school, guardian for children, and
 * for some readers ethnicity or disability recorded with consent. Drawn from a
 * generator of their own, so that the loans simulation does not change.
 */

import type { PatronCategory } from '../../../shared/domain';
import { collationKey, foldText } from '../../../shared/text';
import { phoneKey } from '../../../shared/patron-record';
import { addDays } from '../rules/dates';
import { makeName, type Sex } from './names';
import type { Prng } from './prng';

/** Communes and the district town of Tam Đường, each with a few of its hamlets (bản). */
const communes: readonly (readonly [string, readonly string[]])[] = [
  ['Thị trấn Tam Đường', ['Tổ dân phố số 1', 'Tổ dân phố số 3', 'Bản Nà Bỏ', 'Bản Đông Pao']],
  ['Bình Lư', ['Bản Nà Luồng', 'Bản Phiêng Phát', 'Bản Nà Khum', 'Bản Lò Suối Tủng']],
  ['Bản Bo', ['Bản Nà Đon', 'Bản Nà Hiềng', 'Bản Cốc Pa']],
  ['Bản Giang', ['Bản Tẩn Phù Nhiêu', 'Bản Hon', 'Bản Nà Tăm']],
  ['Bản Hon', ['Bản Thẳm', 'Bản Nà Sẳng', 'Bản Pa Pe']],
  ['Hồ Thầu', ['Bản Hồ Thầu', 'Bản Sin Câu', 'Bản Tả Chải']],
  ['Khun Há', ['Bản Nà Ít', 'Bản Sàng Ma Sao', 'Bản Lả Mù']],
  ['Nà Tăm', ['Bản Nà Tăm 1', 'Bản Hưng Phong']],
  ['Nùng Nàng', ['Bản Thèn Thầu', 'Bản Can Hồ', 'Bản Phìn Chải']],
  ['Sơn Bình', ['Bản Sơn Bình', 'Bản Nậm Đích', 'Bản Lở Thàng']],
  ['Sùng Phài', ['Bản Sùng Phài', 'Bản Cư Nhà La', 'Bản Tả Cu Tỷ']],
  ['Thèn Sin', ['Bản Thèn Sin', 'Bản Sì Thâu Chải', 'Bản Lao Chải']],
  ['Tả Lèng', ['Bản Tả Lèng', 'Bản Hồng Thu Mông', 'Bản Phìn Hồ']],
  ['Giang Ma', ['Bản Giang Ma', 'Bản Phan Lìn', 'Bản Hồ Pên']],
];

const schools = [
  'Trường Tiểu học thị trấn Tam Đường',
  'Trường Tiểu học Bình Lư',
  'Trường PTDTBT Tiểu học Sơn Bình',
  'Trường THCS thị trấn Tam Đường',
  'Trường PTDTBT THCS Khun Há',
  'Trường THPT Tam Đường',
  'Trường PTDT Nội trú huyện Tam Đường',
];

const disabilities = ['Khiếm thị', 'Nhìn kém', 'Khiếm thính', 'Khuyết tật vận động', 'Khó khăn về đọc'];

/** Age range per default category, in years. */
const ages: Record<string, readonly [number, number]> = {
  child: [6, 10],
  pupil: [11, 18],
  adult: [19, 59],
  elderly: [60, 88],
  disabled: [12, 75],
};

export interface DemoReaderDetails {
  dateOfBirth: string | null;
  sex: 'female' | 'male';
  phone: string | null;
  address: string;
  commune: string;
  idNumber: string | null;
  introducedBy: string | null;
  guardianName: string | null;
  guardianPhone: string | null;
  ethnicity: string | null;
  disability: string | null;
  /** Consent recorded on registration, when the reader gave ethnicity or disability. */
  consent: boolean;
}

function mobile(prng: Prng): string {
  const prefix = prng.pick(['096', '097', '098', '086', '091', '094', '088', '033', '035', '038', '039', '070', '079']);
  return `${prefix}${String(prng.int(0, 9_999_999)).padStart(7, '0')}`;
}

export function makeReaderDetails(
  prng: Prng,
  reader: { category: PatronCategory; group: string; sex: Sex; registeredOn: string; fullName: string },
): DemoReaderDetails {
  const [min, max] = ages[reader.category] ?? [19, 59];
  const age = prng.int(min, max);
  const dateOfBirth = prng.chance(0.93) ? addDays(reader.registeredOn, -(age * 365 + prng.int(0, 364))) : null;
  const [commune, hamlets] = prng.pick(communes);
  const young = age < 16;
  const family = reader.fullName.split(' ')[0]!;
  const guardianName = young
    ? makeName(prng).fullName.replace(/^\S+/u, family) // a parent with the same family name
    : null;
  const grownUp = age >= 18;
  const ethnic = prng.chance(0.25);
  const disabled = reader.category === 'disabled' && prng.chance(0.7);
  return {
    dateOfBirth,
    sex: reader.sex === 'f' ? 'female' : 'male',
    phone: grownUp && prng.chance(0.75) ? mobile(prng) : null,
    address: prng.pick(hamlets),
    commune,
    // CCCD: 012 is Lai Châu, then sex-and-century digit, year of birth, serial.
    idNumber:
      grownUp && dateOfBirth && prng.chance(0.6)
        ? `012${reader.sex === 'f' ? (dateOfBirth >= '2000' ? 3 : 1) : dateOfBirth >= '2000' ? 2 : 0}` +
          `${dateOfBirth.slice(2, 4)}${String(prng.int(0, 999_999)).padStart(6, '0')}`
        : null,
    introducedBy: age >= 6 && age <= 18 ? prng.pick(schools) : null,
    guardianName,
    guardianPhone: young ? mobile(prng) : null,
    ethnicity: ethnic ? reader.group : null,
    disability: disabled ? prng.pick(disabilities) : null,
    consent: ethnic || disabled,
  };
}

/** The derived search columns of a reader row: folded name, sort key, phones in one form. */
export function searchColumns(fullName: string, phone: string | null, guardianPhone: string | null) {
  return {
    nameFolded: foldText(fullName),
    sortKey: collationKey(fullName),
    phoneKey: phone === null ? null : phoneKey(phone),
    guardianPhoneKey: guardianPhone === null ? null : phoneKey(guardianPhone),
  };
}
