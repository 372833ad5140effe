/**
 * The words printed on cards and in the readable export. A reader's card is a
 * Vietnamese document whatever language the desk's screens are in, and so is
 * the export handed to a reader under Decree 13/2023.
 */

export const cardText = {
  title: 'THẺ BẠN ĐỌC',
  fullName: 'Họ và tên',
  category: 'Loại bạn đọc',
  validUntil: 'Có giá trị đến',
} as const;

export const exportText = {
  title: 'DỮ LIỆU CÁ NHÂN CỦA BẠN ĐỌC',
  subtitle: 'Bản trích xuất theo yêu cầu của bạn đọc (Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân)',
  exportedAt: 'Ngày trích xuất',
  exportedBy: 'Người trích xuất',
  sectionRecord: 'Thông tin bạn đọc',
  sectionSensitive: 'Dữ liệu cá nhân nhạy cảm',
  sectionLoans: 'Lịch sử mượn trả',
  sectionAudit: 'Nhật ký truy cập và thay đổi',
  photo: 'Ảnh',
  cardNumber: 'Số thẻ',
  fullName: 'Họ và tên',
  dateOfBirth: 'Ngày sinh',
  sex: 'Giới tính',
  phone: 'Điện thoại',
  address: 'Địa chỉ (thôn, bản)',
  commune: 'Xã / thị trấn',
  idNumber: 'Số CCCD',
  introducedBy: 'Đơn vị giới thiệu',
  guardianName: 'Người giám hộ',
  guardianPhone: 'Điện thoại người giám hộ',
  notes: 'Ghi chú',
  category: 'Loại bạn đọc',
  expiresOn: 'Thẻ có giá trị đến',
  status: 'Tình trạng thẻ',
  registeredAt: 'Ngày đăng ký',
  ethnicity: 'Dân tộc',
  disability: 'Khuyết tật',
  consent: 'Sự đồng ý',
  consentGiven: (date: string, by: string) => `Bạn đọc đồng ý ngày ${date}, ghi nhận bởi ${by}`,
  notKept: 'không lưu',
  none: '—',
  active: 'Đang hoạt động',
  expired: 'Đã hết hạn',
  blocked: (reason: string | null, by: string | null, at: string | null) =>
    ['Bị khoá', reason ? `lý do: ${reason}` : null, by ? `bởi ${by}` : null, at ? `ngày ${at}` : null]
      .filter((part) => part !== null)
      .join(', '),
  erased: 'Dữ liệu cá nhân đã được xoá',
  sexes: { female: 'Nữ', male: 'Nam', other: 'Khác' },
  loanTitle: 'Tên tài liệu',
  loanItem: 'Mã vạch',
  loanedAt: 'Ngày mượn',
  dueOn: 'Hạn trả',
  returnedAt: 'Ngày trả',
  overdueDays: 'Số ngày quá hạn',
  fee: 'Phí',
  onLoan: 'đang mượn',
  noLoans: 'Chưa có lượt mượn nào.',
  auditAt: 'Thời điểm',
  auditOperator: 'Người thực hiện',
  auditAction: 'Thao tác',
  noAudit: 'Chưa có ghi nhận nào.',
  page: (current: number, count: number) => `Trang ${current}/${count}`,
} as const;

/** Audit actions as a reader would read them; an unknown action is shown as recorded. */
export const auditActionText: Record<string, string> = {
  'patron.registered': 'Đăng ký bạn đọc',
  'patron.updated': 'Sửa thông tin',
  'patron.viewed': 'Xem hồ sơ',
  'patron.blocked': 'Khoá thẻ',
  'patron.unblocked': 'Mở khoá thẻ',
  'patron.cardRenewed': 'Gia hạn thẻ',
  'patron.consentChanged': 'Ghi nhận hoặc rút lại sự đồng ý (dữ liệu nhạy cảm)',
  'patron.exported': 'Trích xuất dữ liệu',
  'patron.erased': 'Xoá dữ liệu cá nhân',
  'card.printed': 'In thẻ bạn đọc',
};
