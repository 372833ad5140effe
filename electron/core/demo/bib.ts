/**
 * Bibliographic details for the demo's titles, as a district library's
 * cataloguer would have entered them: a Dewey class chosen from the title's
 * subject, subject headings, a series for some, a Vietnamese publisher with
 * its place and year, a valid ISBN-13 (978-604: Việt Nam), extent, language;
 * for each copy a call number (class + author mark), a price and whether it
 * was bought or given. Deterministic for a given generator.
 */

import type { TitleRecord } from '../../../shared/bib';
import type { MaterialType } from '../../../shared/domain';
import { foldText } from '../../../shared/text';
import type { Prng } from './prng';
import type { Audience, TitleSpec } from './titles';

export interface DemoBib {
  ddc: string;
  subjects: string[];
  series: string[];
  publisher: string;
  place: string;
  year: string;
  isbn: string[];
  extent: string;
  languages: string[];
  responsibility: string | null;
  edition: string | null;
  /** Register the copies go into: VV (Vietnamese-language), VN (foreign-language), TN (children). */
  accessionPrefix: 'VV' | 'VN' | 'TN';
  /** Usual price of a copy, in đồng. */
  price: number;
}

interface Rule {
  test: RegExp;
  ddc: string;
  subjects: string[];
  publishers: string[];
  series?: string;
}

/** First rule whose pattern the folded title matches. */
const rules: Rule[] = [
  {
    test: /^tu dien|^so tay chinh ta/u,
    ddc: '495.9223',
    subjects: ['Tiếng Việt', 'Từ điển'],
    publishers: ['Từ điển Bách khoa', 'Đại học Quốc gia Hà Nội'],
  },
  {
    test: /^bach khoa|hoi dap ve the gioi|vu tru|dong vat|khi hau|nang luong/u,
    ddc: '500',
    subjects: ['Khoa học thường thức'],
    publishers: ['Khoa học và Kỹ thuật', 'Trẻ'],
  },
  {
    test: /luat|phap luat|hien phap/u,
    ddc: '340.09597',
    subjects: ['Pháp luật', 'Việt Nam'],
    publishers: ['Tư pháp', 'Chính trị quốc gia Sự thật'],
    series: 'Tủ sách pháp luật cơ sở',
  },
  {
    test: /chan nuoi|thu y|ga |lon |trau|ca chep|ca hoi|ca tam|ong mat|de$|ngua|vit|tho$|nhim/u,
    ddc: '636',
    subjects: ['Chăn nuôi', 'Nông nghiệp -- Miền núi'],
    publishers: ['Nông nghiệp'],
    series: 'Tủ sách Khuyến nông',
  },
  {
    test: /trong|cay|lua|ngo|che|thao qua|sau benh|phan|giong|nha nong|dat doc|nong san|rung|hop tac xa|nong thon|ocop|nha kinh/u,
    ddc: '633',
    subjects: ['Trồng trọt', 'Nông nghiệp -- Lai Châu'],
    publishers: ['Nông nghiệp', 'Khoa học và Kỹ thuật'],
    series: 'Tủ sách Khuyến nông',
  },
  {
    test: /cam nang|suc khoe|benh|dinh duong|so cuu|tiem chung|ve sinh|thuoc nam|phuc hoi|cham soc/u,
    ddc: '613',
    subjects: ['Y tế', 'Sức khỏe cộng đồng'],
    publishers: ['Y học', 'Phụ nữ Việt Nam'],
  },
  {
    test: /su tich|truyen co|co tich|thanh giong|tam cam|thach sanh|cay khe|so dua|coc kien|chu cuoi|nang han|rong chau tien|son tinh|cay tre|my chau/u,
    ddc: '398.209597',
    subjects: ['Văn học dân gian', 'Truyện cổ tích'],
    publishers: ['Kim Đồng', 'Văn hóa dân tộc'],
    series: 'Truyện cổ tích Việt Nam',
  },
  {
    test: /lop \d|em gioi|de kiem tra/u,
    ddc: '372',
    subjects: ['Giáo dục tiểu học', 'Sách tham khảo'],
    publishers: ['Giáo dục Việt Nam'],
  },
  {
    test: /^be |em hoc|to mau|song ngu|muoi van cau hoi|ke chuyen/u,
    ddc: '372.21',
    subjects: ['Sách thiếu nhi'],
    publishers: ['Kim Đồng', 'Giáo dục Việt Nam'],
    series: 'Tủ sách Em yêu khoa học',
  },
  {
    test: /van hoa|le hoi|le cap sac|trang phuc|dan ca|tuc ngu|nha o|le cuoi|am thuc|tri thuc dan gian|nghe (det|thu cong)|xoe|khen|chu thai|chu nom|dan toc|mua khan|sap ong|ruong bac thang|du lich/u,
    ddc: '305.8009597',
    subjects: ['Dân tộc học', 'Văn hóa dân gian -- Lai Châu'],
    publishers: ['Văn hóa dân tộc', 'Khoa học xã hội'],
  },
  {
    test: /lich su|dia chi|dien bien|dai tuong|bac ho|bien gioi|vua hung|hai ba trung|ngo quyen|ly thuong kiet|tran hung dao|le loi|quang trung|cach mang|su ky|su luoc|dat va nguoi|di tich/u,
    ddc: '959.7',
    subjects: ['Lịch sử', 'Việt Nam'],
    publishers: ['Chính trị quốc gia Sự thật', 'Quân đội nhân dân'],
  },
  {
    test: /tin hoc|dien thoai|internet|tieng anh|tieng trung|ky nang|nau an|mon ngon|sua chua|nghe moc|nghe may|khoi nghiep|tai chinh|viec lam|huong nghiep/u,
    ddc: '640',
    subjects: ['Kỹ năng sống', 'Hướng nghiệp'],
    publishers: ['Thông tin và Truyền thông', 'Lao động'],
  },
  {
    test: /^ban do|atlat/u,
    ddc: '912.597',
    subjects: ['Bản đồ', 'Địa lí -- Việt Nam'],
    publishers: ['Tài nguyên - Môi trường và Bản đồ Việt Nam'],
  },
  { test: /^bao |^tap chi/u, ddc: '059.922', subjects: ['Báo chí'], publishers: ['Thông tấn'] },
  {
    test: /tho|tuyen tap tho|luc bat/u,
    ddc: '895.9221',
    subjects: ['Văn học Việt Nam', 'Thơ'],
    publishers: ['Hội Nhà văn', 'Văn học'],
  },
];
const literature: Rule = {
  test: /./u,
  ddc: '895.9223',
  subjects: ['Văn học Việt Nam', 'Tiểu thuyết'],
  publishers: ['Văn học', 'Hội Nhà văn', 'Trẻ', 'Kim Đồng'],
  series: 'Văn học Việt Nam hiện đại',
};

/** Publisher codes after 978-604 (as the ISBN agency assigns them). */
const publisherCodes: Record<string, string> = {
  'Kim Đồng': '2',
  'Giáo dục Việt Nam': '0',
  Trẻ: '1',
  'Văn học': '69',
  'Hội Nhà văn': '53',
  'Nông nghiệp': '60',
  'Tư pháp': '81',
  'Y học': '66',
  'Chính trị quốc gia Sự thật': '57',
  'Văn hóa dân tộc': '70',
  'Khoa học xã hội': '956',
  'Khoa học và Kỹ thuật': '67',
  'Từ điển Bách khoa': '59',
  'Đại học Quốc gia Hà Nội': '62',
  'Phụ nữ Việt Nam': '56',
  'Quân đội nhân dân': '51',
  'Thông tin và Truyền thông': '80',
  'Lao động': '59',
  'Tài nguyên - Môi trường và Bản đồ Việt Nam': '952',
  'Thông tấn': '54',
};

const formatNotes: Partial<Record<MaterialType, string>> = {
  braille: 'chữ nổi',
  large_print: 'khổ chữ lớn',
  audio: 'sách nói',
  daisy: 'DAISY',
  video: 'đĩa hình',
};

function ean13(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

function isbnFor(prng: Prng, publisher: string): string {
  const code = publisherCodes[publisher] ?? '0';
  let rest = '';
  while (rest.length < 6 - code.length) rest += String(prng.int(0, 9));
  return ean13(`978604${code}${rest}`);
}

/** The author mark of a call number: "Nguyễn Nhật Ánh" → "NG-A"; no author: the title's first letters. */
export function authorMark(authors: readonly string[], title: string): string {
  const words = foldText(authors[0] ?? title)
    .toUpperCase()
    .split(' ');
  if (authors.length === 0) return words[0]!.slice(0, 3);
  return `${words[0]!.slice(0, 2)}-${words[words.length - 1]!.slice(0, 1)}`;
}

export function makeBib(prng: Prng, spec: TitleSpec): DemoBib {
  const folded = foldText(spec.title);
  const rule = rules.find((r) => r.test.test(folded)) ?? literature;
  const publisher = prng.pick(rule.publishers);
  const subjects = [...rule.subjects];
  const note = formatNotes[spec.materialType];
  if (note) subjects.push(`Tài liệu cho người khiếm thị -- ${note}`);
  const series = rule.series && prng.chance(0.35) ? [rule.series] : [];
  const year = String(
    spec.materialType === 'periodical' ? (/\d{4}/u.exec(spec.title)?.[0] ?? 2025) : prng.int(2004, 2025),
  );
  const foreign = /tieng anh|tieng trung|viet anh/u.test(folded);
  const languages = ['vie'];
  if (/mong/u.test(folded) && /song ngu|tu dien/u.test(folded)) languages.push('hmn');
  if (/thai/u.test(folded) && /song ngu|tu dien/u.test(folded)) languages.push('tai');
  if (foreign) languages.push(/trung/u.test(folded) ? 'chi' : 'eng');
  const audience: Audience = spec.audience;
  const pages =
    spec.materialType === 'map' ? 1 : prng.int(audience === 'children' ? 16 : 80, audience === 'children' ? 120 : 520);
  const extent =
    spec.materialType === 'audio' || spec.materialType === 'daisy'
      ? `1 đĩa CD (${prng.int(3, 14)} giờ)`
      : spec.materialType === 'map'
        ? '1 tờ bản đồ : màu'
        : `${pages} tr. : minh họa ; ${prng.pick(['19 cm', '21 cm', '24 cm'])}`;
  const edition = /tai ban lan (\d+)/u.exec(folded);
  return {
    ddc: rule.ddc,
    subjects,
    series,
    publisher,
    place: publisher === 'Trẻ' ? 'TP. Hồ Chí Minh' : 'Hà Nội',
    year,
    isbn: spec.materialType === 'periodical' ? [] : [isbnFor(prng, publisher)],
    extent,
    languages,
    responsibility: spec.authors.length > 0 ? spec.authors.join(', ') : null,
    edition: edition ? `Tái bản lần thứ ${edition[1]}` : null,
    accessionPrefix: audience === 'children' ? 'TN' : foreign ? 'VN' : 'VV',
    price: Math.max(10_000, Math.round((pages * prng.int(250, 600)) / 1000) * 1000) + (note ? 40_000 : 0),
  };
}

/** Who gives books to a district library. */
export const donors = [
  'Hội Khuyến học huyện Tam Đường',
  'Thư viện tỉnh Lai Châu (luân chuyển)',
  'Quỹ Sách cho em',
  'Đoàn Thanh niên xã Bình Lư',
  'Ông Lò Văn Pọm',
  'Dự án Thư viện cộng đồng',
  'Hội Người mù tỉnh Lai Châu',
];

/** A demo title as the catalogue's store holds it (no MARC record, no copies: they are rows of their own). */
export function demoTitleRecord(
  uuid: string,
  spec: { title: string; authors: string[]; materialType: MaterialType },
  bib: DemoBib,
): TitleRecord {
  return {
    uuid,
    bib: {
      title: spec.title,
      responsibility: bib.responsibility,
      authors: spec.authors,
      isbn: bib.isbn,
      ddc: bib.ddc,
      edition: bib.edition,
      place: bib.place,
      publisher: bib.publisher,
      year: bib.year,
      extent: bib.extent,
      series: bib.series,
      subjects: bib.subjects,
      languages: bib.languages,
      materialType: spec.materialType,
    },
    marcxml: null,
    needsCompletion: false,
    copies: [],
  };
}
