/** Vietnamese, the desk's first language. Keys are shared with en.ts. */
export const vi = {
  errors: {
    VALIDATION: 'Dữ liệu không hợp lệ: {{details}}',
    UNKNOWN_CHANNEL: 'Không có chức năng «{{channel}}».',
    NOT_FOUND_patron: 'Không tìm thấy thẻ bạn đọc {{code}}.',
    NOT_FOUND_item: 'Không tìm thấy tài liệu có mã vạch {{code}}.',
    NOT_FOUND: 'Không tìm thấy {{code}}.',
    CONFLICT_card: 'Số thẻ {{code}} đã được cấp cho bạn đọc khác.',
    CONFLICT_barcode: 'Mã vạch {{code}} đã được dùng cho tài liệu khác.',
    CONFLICT_setup: 'Máy đã có dữ liệu; không thể nạp dữ liệu mẫu.',
    CONFLICT: 'Xung đột dữ liệu: {{code}}.',
    CARD_EXPIRED: 'Thẻ của {{name}} đã hết hạn ngày {{date}}.',
    BLOCKED: 'Thẻ của {{name}} đang bị khoá: {{reason}}',
    ALREADY_ON_LOAN: '«{{title}}» đang được mượn bởi {{name}} ({{card}}) từ ngày {{date}}.',
    ALREADY_ON_LOAN_TO_PATRON: '«{{title}}» đã được mượn bởi chính bạn đọc này; có thể gia hạn.',
    NOT_LOANABLE: '«{{title}}» không cho mượn về ({{reason}}).',
    LIMIT_REACHED: '{{name}} đã mượn {{count}}/{{max}} tài liệu loại này.',
    RENEWAL_LIMIT: '«{{title}}» đã gia hạn {{count}}/{{max}} lần.',
    NOT_ON_LOAN: '«{{title}}» không có trong danh sách đang mượn.',
    UNAUTHORIZED: 'Không có quyền truy cập.',
    INTERNAL: 'Lỗi hệ thống: {{details}}',
  },
  reasons: {
    reference: 'chỉ đọc tại chỗ',
    status_lost: 'đã mất',
    status_damaged: 'hư hỏng',
    status_withdrawn: 'đã thanh lý',
    status_in_transit: 'đang vận chuyển',
    status_in_rotation: 'đang luân chuyển',
    policy: 'chính sách mượn không cho phép',
    noReason: 'không ghi lý do',
  },
};

export type Catalogue = typeof vi;
