/**
 * Readers' names for the demo library of Tam Đường (Lai Châu): the Kinh and the
 * ethnic groups of the district — Thái, H'Mông, Dao, Giáy, Lự — each with the
 * family names and the shape of name that group uses ("Lò Văn Đức",
 * "Giàng A Páo", "Tẩn Láo Lở", "Sùng Thị Mỷ"). Weights are rough shares of the
 * district's readers, not census figures.
 */

import type { Prng } from './prng';

export type Sex = 'm' | 'f';

export interface NameStyle {
  group: string;
  /** Share of readers from this group (relative weight). */
  weight: number;
  families: readonly (readonly [string, number])[];
  /** Middle names by sex; an empty string means none. */
  middle: { m: readonly (readonly [string, number])[]; f: readonly (readonly [string, number])[] };
  given: { m: readonly string[]; f: readonly string[] };
  /** Second middle names after "Thị" (Kinh "Nguyễn Thị Thu Hằng"), and how often. */
  secondMiddle?: readonly string[];
  secondMiddleChance?: number;
}

export const nameStyles: readonly NameStyle[] = [
  {
    group: 'Kinh',
    weight: 38,
    families: [
      ['Nguyễn', 30],
      ['Trần', 10],
      ['Lê', 9],
      ['Phạm', 7],
      ['Hoàng', 5],
      ['Vũ', 5],
      ['Đặng', 3],
      ['Bùi', 3],
      ['Đỗ', 3],
      ['Hồ', 1],
      ['Ngô', 2],
      ['Dương', 2],
      ['Đinh', 2],
      ['Đào', 2],
      ['Hà', 2],
      ['Lương', 1],
      ['Trịnh', 1],
      ['Phan', 2],
      ['Mai', 1],
      ['Tạ', 1],
      ['Cao', 1],
      ['Lưu', 1],
    ],
    middle: {
      m: [
        ['Văn', 10],
        ['Đức', 4],
        ['Minh', 4],
        ['Quang', 3],
        ['Hữu', 3],
        ['Thành', 2],
        ['Xuân', 2],
        ['Ngọc', 2],
        ['Mạnh', 2],
        ['Tiến', 1],
      ],
      f: [
        ['Thị', 12],
        ['Thu', 3],
        ['Ngọc', 3],
        ['Thanh', 2],
        ['Thùy', 2],
        ['Hồng', 2],
        ['Minh', 2],
        ['Phương', 1],
        ['Khánh', 1],
        ['Bích', 1],
      ],
    },
    given: {
      m: [
        'Hùng',
        'Dũng',
        'Tuấn',
        'Minh',
        'Nam',
        'Long',
        'Hải',
        'Sơn',
        'Thắng',
        'Cường',
        'Đức',
        'Huy',
        'Khánh',
        'Phúc',
        'Quân',
        'Trung',
        'Hiếu',
        'Thịnh',
        'Toàn',
        'Bình',
        'Dương',
        'Hoàng',
        'Kiên',
        'Lâm',
        'Nghĩa',
        'Quyết',
        'Thái',
        'Tùng',
        'Việt',
        'Vinh',
        'Đạt',
        'Khoa',
        'Phong',
        'An',
      ],
      f: [
        'Lan',
        'Hoa',
        'Hương',
        'Mai',
        'Linh',
        'Trang',
        'Hà',
        'Ngọc',
        'Thảo',
        'Huyền',
        'Yến',
        'Nhung',
        'Hằng',
        'Vân',
        'Nga',
        'Quỳnh',
        'Anh',
        'Thư',
        'Oanh',
        'Loan',
        'Dung',
        'Hạnh',
        'Thủy',
        'Liên',
        'Phương',
        'Giang',
        'Nhàn',
        'Hiền',
        'Ánh',
        'Diệp',
        'Châm',
        'Hòa',
      ],
    },
    secondMiddle: ['Thu', 'Thanh', 'Ngọc', 'Minh', 'Hồng', 'Thùy', 'Kim', 'Phương', 'Bích', 'Lan'],
    secondMiddleChance: 0.3,
  },
  {
    group: 'Thái',
    weight: 24,
    families: [
      ['Lò', 9],
      ['Lường', 5],
      ['Tòng', 4],
      ['Cầm', 3],
      ['Quàng', 3],
      ['Điêu', 3],
      ['Hoàng', 2],
      ['Vì', 2],
      ['Mè', 1],
      ['Khoàng', 1],
      ['Lù', 1],
    ],
    middle: { m: [['Văn', 1]], f: [['Thị', 1]] },
    given: {
      m: [
        'Đức',
        'Pánh',
        'Xuân',
        'Hải',
        'Chiến',
        'Bun',
        'Ơn',
        'Thương',
        'Khánh',
        'Phong',
        'Inh',
        'Tiến',
        'Thanh',
        'Hươn',
        'Pâng',
        'Ón',
        'Sương',
        'Quyết',
        'Hoan',
        'Nhất',
        'Kiên',
        'Chăn',
        'Tuân',
        'Hặc',
      ],
      f: [
        'Hoa',
        'Ngọc',
        'Xuân',
        'Ưởn',
        'Biên',
        'Pọm',
        'Ín',
        'Hương',
        'Lả',
        'Thoan',
        'Kim',
        'Mai',
        'Phương',
        'Xoan',
        'Ban',
        'Lai',
        'Én',
        'Hồng',
        'Thơm',
        'Cún',
        'Dịu',
        'Ánh',
      ],
    },
  },
  {
    group: "H'Mông",
    weight: 20,
    families: [
      ['Giàng', 6],
      ['Sùng', 4],
      ['Vàng', 4],
      ['Thào', 4],
      ['Lý', 3],
      ['Hạng', 2],
      ['Mùa', 2],
      ['Cứ', 2],
      ['Lầu', 2],
      ['Chang', 1],
      ['Tráng', 1],
      ['Hầu', 1],
      ['Vừ', 1],
    ],
    middle: {
      m: [['A', 1]],
      f: [
        ['Thị', 4],
        ['Mí', 1],
      ],
    },
    given: {
      m: [
        'Páo',
        'Dình',
        'Chứ',
        'Sử',
        'Lử',
        'Súa',
        'Chá',
        'Dế',
        'Nhà',
        'Thề',
        'Pó',
        'Tủa',
        'Chồ',
        'Sính',
        'Của',
        'Phừ',
        'Chư',
        'Lồng',
        'Vư',
        'Sình',
        'Trừ',
        'Dơ',
        'Giống',
        'Xá',
      ],
      f: [
        'Mỷ',
        'Mai',
        'Dở',
        'Chở',
        'Pàng',
        'Sua',
        'Ly',
        'Dợ',
        'Mái',
        'Chía',
        'Xá',
        'Sy',
        'Dua',
        'Mẩy',
        'Sò',
        'Chá',
        'Pà',
        'Nù',
        'Dính',
        'Lia',
      ],
    },
  },
  {
    group: 'Dao',
    weight: 9,
    families: [
      ['Tẩn', 4],
      ['Triệu', 3],
      ['Bàn', 3],
      ['Lý', 2],
      ['Đặng', 2],
      ['Phàn', 2],
      ['Chảo', 2],
    ],
    middle: {
      m: [
        ['Láo', 3],
        ['Văn', 2],
        ['Kiều', 1],
      ],
      f: [
        ['Thị', 3],
        ['Mý', 2],
      ],
    },
    given: {
      m: [
        'Lở',
        'Sì',
        'Vả',
        'Tả',
        'Phin',
        'Sử',
        'Chàn',
        'Quẩy',
        'Kiềm',
        'Lù',
        'Chản',
        'Sinh',
        'Chòi',
        'Phủ',
        'Tòng',
        'Vàng',
      ],
      f: ['Mẩy', 'Phây', 'Chiêu', 'Xiêm', 'Sếnh', 'Kiêm', 'Mùi', 'Dần', 'Lở', 'Chỉn', 'Sảy', 'Cói'],
    },
  },
  {
    group: 'Giáy',
    weight: 6,
    families: [
      ['Hoàng', 3],
      ['Lù', 3],
      ['Sần', 2],
      ['Vương', 2],
      ['Lồ', 1],
      ['Hà', 1],
    ],
    middle: { m: [['Văn', 1]], f: [['Thị', 1]] },
    given: {
      m: ['Pao', 'Sinh', 'Sáng', 'Khái', 'Tiến', 'Quang', 'Chính', 'Sơn', 'Thắng', 'Phừ', 'Dũng', 'Ngân'],
      f: ['Lan', 'Mai', 'Thu', 'Sính', 'Phượng', 'Kiều', 'Loan', 'Dung', 'Sen', 'Nga'],
    },
  },
  {
    group: 'Lự',
    weight: 3,
    families: [
      ['Lò', 3],
      ['Tao', 3],
      ['Pành', 1],
      ['Tòng', 1],
      ['Chẩu', 1],
    ],
    middle: { m: [['Văn', 1]], f: [['Thị', 1]] },
    given: {
      m: ['Pọm', 'Khoa', 'Ún', 'Sẹn', 'Phong', 'Xiêng', 'Khăm', 'Chăn', 'Ón'],
      f: ['Un', 'Ngọn', 'Bua', 'Phặn', 'Ín', 'Khăm', 'Xươi', 'Pan'],
    },
  },
];

/** Every family name the demo may use, for tests that look for them. */
export const minorityFamilies = [
  'Lò',
  'Lường',
  'Tòng',
  'Cầm',
  'Giàng',
  'Sùng',
  'Thào',
  'Tẩn',
  'Triệu',
  'Lù',
  'Sần',
  'Tao',
];

const styleTable: readonly (readonly [NameStyle, number])[] = nameStyles.map((s) => [s, s.weight] as const);

/** A full name in NFC: family, middle (when the style has one), given. */
export function makeName(prng: Prng, style = prng.weighted(styleTable)): { fullName: string; group: string; sex: Sex } {
  const sex: Sex = prng.chance(0.5) ? 'm' : 'f';
  const family = prng.weighted(style.families);
  const middle = prng.weighted(style.middle[sex]);
  const given = prng.pick(style.given[sex]);
  // "Nguyễn Thị Thu Hằng": a second middle name after Thị.
  const second =
    middle === 'Thị' && style.secondMiddle && prng.chance(style.secondMiddleChance ?? 0)
      ? prng.pick(style.secondMiddle)
      : '';
  const fullName = [family, middle, second === given ? '' : second, given]
    .filter((p) => p !== '')
    .join(' ')
    .normalize('NFC');
  return { fullName, group: style.group, sex };
}

/** An author's name: mostly Kinh, as the books on a district library's shelves are. */
export function makeAuthorName(prng: Prng): string {
  return makeName(prng, prng.chance(0.75) ? nameStyles[0]! : undefined).fullName;
}

/** Why a card is blocked, as a librarian writes it. */
export const blockReasons = [
  'Quá hạn trả sách nhiều lần',
  'Làm mất sách chưa bồi thường',
  'Làm hỏng tài liệu, chờ bồi thường',
  'Thẻ báo mất, chờ cấp lại',
  'Theo đề nghị của phụ huynh',
];
