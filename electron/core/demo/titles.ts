/**
 * The demo catalogue of a district library in Lai Châu: Vietnamese literature,
 * farming manuals for the highlands (rice terraces, tea, cardamom, livestock),
 * children's books, history, law, health, the culture of the Thái, H'Mông,
 * Dao, Giáy and Lự, a few newspapers and magazines, and accessible editions
 * (braille, large print, audiobooks, DAISY). Titles are composed from word
 * lists by a seeded generator, so every run with the same seed gives the same
 * catalogue.
 */

import type { MaterialType } from '../../../shared/domain';
import { makeAuthorName } from './names';
import type { Prng } from './prng';

/** Who mostly borrows a title; readers lean towards their own shelf. */
export type Audience = 'children' | 'general' | 'farming' | 'accessible' | 'periodical' | 'reference';

export interface TitleSpec {
  title: string;
  authors: string[];
  materialType: MaterialType;
  audience: Audience;
  /** Relative chance of being borrowed. */
  popularity: number;
  /** Reference works: some copies stay in the reading room. */
  reference: boolean;
}

/** Well-known Vietnamese books, with their authors. */
const classics: readonly (readonly [string, string])[] = [
  ['Truyện Kiều', 'Nguyễn Du'],
  ['Số đỏ', 'Vũ Trọng Phụng'],
  ['Tắt đèn', 'Ngô Tất Tố'],
  ['Chí Phèo', 'Nam Cao'],
  ['Lão Hạc', 'Nam Cao'],
  ['Dế Mèn phiêu lưu ký', 'Tô Hoài'],
  ['Vợ chồng A Phủ', 'Tô Hoài'],
  ['Truyện Tây Bắc', 'Tô Hoài'],
  ['Miền Tây', 'Tô Hoài'],
  ['Đất rừng phương Nam', 'Đoàn Giỏi'],
  ['Nỗi buồn chiến tranh', 'Bảo Ninh'],
  ['Cho tôi xin một vé đi tuổi thơ', 'Nguyễn Nhật Ánh'],
  ['Mắt biếc', 'Nguyễn Nhật Ánh'],
  ['Tôi thấy hoa vàng trên cỏ xanh', 'Nguyễn Nhật Ánh'],
  ['Cô gái đến từ hôm qua', 'Nguyễn Nhật Ánh'],
  ['Thương nhớ mười hai', 'Vũ Bằng'],
  ['Những ngôi sao xa xôi', 'Lê Minh Khuê'],
  ['Chiếc lược ngà', 'Nguyễn Quang Sáng'],
  ['Vang bóng một thời', 'Nguyễn Tuân'],
  ['Gió lạnh đầu mùa', 'Thạch Lam'],
  ['Hà Nội băm sáu phố phường', 'Thạch Lam'],
  ['Bỉ vỏ', 'Nguyên Hồng'],
  ['Những ngày thơ ấu', 'Nguyên Hồng'],
  ['Truyện Lục Vân Tiên', 'Nguyễn Đình Chiểu'],
  ['Mùa lá rụng trong vườn', 'Ma Văn Kháng'],
  ['Đồng bạc trắng hoa xòe', 'Ma Văn Kháng'],
  ['Thời xa vắng', 'Lê Lựu'],
  ['Bến không chồng', 'Dương Hướng'],
  ['Nhật ký Đặng Thùy Trâm', 'Đặng Thùy Trâm'],
  ['Sống mãi với thủ đô', 'Nguyễn Huy Tưởng'],
  ['Vũ Như Tô', 'Nguyễn Huy Tưởng'],
  ['Đất nước đứng lên', 'Nguyên Ngọc'],
  ['Rừng xà nu', 'Nguyễn Trung Thành'],
  ['Mảnh trăng cuối rừng', 'Nguyễn Minh Châu'],
  ['Chiếc thuyền ngoài xa', 'Nguyễn Minh Châu'],
  ['Người lái đò sông Đà', 'Nguyễn Tuân'],
  ['Cánh đồng bất tận', 'Nguyễn Ngọc Tư'],
  ['Tuổi thơ dữ dội', 'Phùng Quán'],
  ['Góc sân và khoảng trời', 'Trần Đăng Khoa'],
  ['Nhật ký trong tù', 'Hồ Chí Minh'],
  ['Từ ấy', 'Tố Hữu'],
  ['Việt Bắc', 'Tố Hữu'],
  ['Thơ Xuân Diệu', 'Xuân Diệu'],
  ['Lửa thiêng', 'Huy Cận'],
  ['Thơ Hồ Xuân Hương', 'Hồ Xuân Hương'],
  ['Quê nội', 'Võ Quảng'],
  ['Đội thiếu niên du kích Đình Bảng', 'Xuân Sách'],
  ['Búp sen xanh', 'Sơn Tùng'],
  ['Hoa ban đỏ', 'Lò Ngân Sủn'],
  ['Người Giáy hát', 'Lò Ngân Sủn'],
  ['Tìm hiểu văn hóa cổ truyền người Thái', 'Cầm Trọng'],
  ['Người Thái ở Tây Bắc Việt Nam', 'Cầm Trọng'],
  ['Tiễn dặn người yêu (Xống chụ xon xao)', 'Mạc Phi'],
  ['Khun Lú Nàng Ủa', 'Cầm Biêu'],
  ['Những cánh rừng mùa xuân', 'Vi Thị Kim Bình'],
  ['Đàn trời', 'Cao Duy Sơn'],
  ['Ngôi nhà xưa bên suối', 'Cao Duy Sơn'],
  ['Thơ Y Phương', 'Y Phương'],
];

// --- Literature composed from words of the mountains ---
const litSubjects = [
  'Hoa ban',
  'Tiếng khèn',
  'Tiếng sáo',
  'Khói bếp',
  'Ruộng bậc thang',
  'Chợ phiên',
  'Mùa lúa chín',
  'Mùa hoa đào',
  'Mùa hoa mận',
  'Sương mù',
  'Con đường',
  'Dòng suối',
  'Ngọn lửa',
  'Giấc mơ',
  'Bản làng',
  'Ánh trăng',
  'Cánh rừng',
  'Con dốc',
  'Người thầy',
  'Cô giáo',
  'Những đứa trẻ',
  'Ngôi trường',
  'Chiếc khăn piêu',
  'Cánh diều',
  'Mùa nước đổ',
  'Tiếng gà gáy',
];
const litTails = [
  'xa',
  'cuối năm',
  'quê mẹ',
  'Pu Sam Cáp',
  'Tam Đường',
  'trên đỉnh núi',
  'bên kia dốc',
  'tuổi thơ',
  'Sìn Hồ',
  'Bình Lư',
  'sông Nậm Na',
  'đèo Ô Quy Hồ',
  'ngày ấy',
  'tháng Giêng',
  'vùng biên',
  'không tắt',
  'trong sương',
  'mùa đông',
  'của bản',
  'ngày trở về',
  'nơi biên giới',
];
const litForms = ['Tập truyện ngắn', 'Tuyển tập thơ', 'Tạp văn', 'Bút ký', 'Hồi ký', 'Tiểu thuyết'];

// --- Farming for the highlands ---
const crops = [
  'lúa nước',
  'lúa nương',
  'lúa lai',
  'ngô lai',
  'chè Shan tuyết',
  'chè',
  'thảo quả',
  'sa nhân tím',
  'quế',
  'mắc ca',
  'chuối',
  'dong riềng',
  'đậu tương',
  'khoai sọ',
  'cây ăn quả có múi',
  'lê',
  'mận',
  'đào',
  'sắn',
  'gừng',
  'cây dược liệu',
  'sâm Lai Châu',
  'rau cải',
  'su su',
  'bí đỏ',
  'cà phê chè',
  'nấm hương',
  'tam thất',
  'cây cao su',
  'hồng không hạt',
];
const cropPatterns = [
  (c: string) => `Kỹ thuật trồng và chăm sóc ${c}`,
  (c: string) => `Phòng trừ sâu bệnh hại ${c}`,
  (c: string) => `Trồng ${c} trên đất dốc`,
  (c: string) => `Sổ tay nhà nông: ${c}`,
  (c: string) => `Thu hái, sơ chế và bảo quản ${c}`,
  (c: string) => `Giống ${c} năng suất cao cho vùng cao`,
  (c: string) => `Hỏi đáp về cây ${c}`,
  (c: string) => `Bón phân hợp lý cho ${c}`,
];
const livestock = [
  'lợn đen bản địa',
  'gà thả vườn',
  "gà đen H'Mông",
  'trâu',
  'bò',
  'dê',
  'ngựa',
  'vịt',
  'ong mật',
  'cá chép ruộng',
  'cá hồi',
  'cá tầm',
  'thỏ',
  'nhím',
  'lợn rừng lai',
];
const livestockPatterns = [
  (a: string) => `Kỹ thuật chăn nuôi ${a}`,
  (a: string) => `Phòng và trị bệnh cho ${a}`,
  (a: string) => `Chuồng trại và thức ăn cho ${a}`,
  (a: string) => `Nuôi ${a} theo hướng hàng hóa`,
  (a: string) => `Sổ tay thú y: ${a}`,
];
const farmingTopics = [
  'Phòng chống rét cho trâu bò vùng cao',
  'Ủ phân hữu cơ từ phụ phẩm nông nghiệp',
  'Làm ruộng bậc thang và giữ nước',
  'Canh tác bền vững trên đất dốc',
  'Nông lâm kết hợp ở miền núi phía Bắc',
  'Trồng rừng gỗ lớn và bảo vệ rừng',
  'Xây dựng nông thôn mới ở vùng đồng bào dân tộc',
  'Hợp tác xã kiểu mới cho người làm nông',
  'Sản xuất chè an toàn theo VietGAP',
  'Bảo quản nông sản sau thu hoạch',
  'Phòng chống sạt lở đất và lũ quét',
  'Vay vốn và làm kinh tế hộ gia đình',
  'Ứng dụng điện thoại thông minh trong sản xuất nông nghiệp',
  'Tiêu thụ nông sản qua sàn thương mại điện tử',
  'Chế biến thức ăn chăn nuôi từ ngô và sắn',
  'Làm nhà kính đơn giản trồng rau',
  'Sản phẩm OCOP của tỉnh Lai Châu',
];

// --- Children ---
const folkTales = [
  'Sự tích trầu cau',
  'Sự tích bánh chưng bánh giầy',
  'Sự tích Hồ Gươm',
  'Sự tích dưa hấu',
  'Sự tích cây vú sữa',
  'Con Rồng cháu Tiên',
  'Thánh Gióng',
  'Sơn Tinh Thủy Tinh',
  'Tấm Cám',
  'Cây tre trăm đốt',
  'Thạch Sanh',
  'Cây khế',
  'Ăn khế trả vàng',
  'Sọ Dừa',
  'Cóc kiện trời',
  'Sự tích núi Pu Sam Cáp',
  'Chàng Lú nàng Ủa',
  'Sự tích hoa ban',
  'Chàng mồ côi và con rùa vàng',
  'Sự tích tiếng khèn',
  'Nàng Han',
  'Chú Cuội cung trăng',
  'Mị Châu Trọng Thủy',
  'Ông Gióng nhổ tre',
];
const childSeries = [
  'Truyện cổ tích Việt Nam',
  'Truyện tranh cổ tích',
  'Kể chuyện bé nghe',
  'Truyện cổ các dân tộc thiểu số',
];
const childTopics = [
  'con vật trong rừng',
  'cây cối quanh em',
  'bốn mùa',
  'chữ cái',
  'số đếm',
  'màu sắc',
  'giữ vệ sinh',
  'an toàn giao thông',
  'phòng tránh đuối nước',
  'bảo vệ rừng',
  'bầu trời và các vì sao',
  'cơ thể em',
  'nghề nghiệp',
  'bản làng của em',
  'chào hỏi lễ phép',
  'tiết kiệm nước',
];
const childPatterns = [
  (t: string) => `Bé tìm hiểu ${t}`,
  (t: string) => `Mười vạn câu hỏi vì sao: ${t}`,
  (t: string) => `Em học về ${t}`,
  (t: string) => `Tô màu và kể chuyện: ${t}`,
  (t: string) => `Song ngữ Việt – Mông: ${t}`,
  (t: string) => `Song ngữ Việt – Thái: ${t}`,
];
const schoolSubjects = ['Toán', 'Tiếng Việt', 'Tiếng Anh', 'Khoa học', 'Lịch sử và Địa lí', 'Tin học'];
const schoolPatterns = [
  (s: string, g: number) => `Bài tập bổ trợ ${s} lớp ${g}`,
  (s: string, g: number) => `Em giỏi ${s} ${g}`,
  (s: string, g: number) => `Đề kiểm tra ${s} lớp ${g}`,
];

// --- History and geography ---
const historyTitles = [
  'Lịch sử Đảng bộ huyện Tam Đường',
  'Lịch sử Đảng bộ tỉnh Lai Châu',
  'Địa chí Lai Châu',
  'Điện Biên Phủ – điểm hẹn lịch sử',
  'Chiến dịch Điện Biên Phủ qua hồi ức',
  'Đại tướng Võ Nguyên Giáp với Tây Bắc',
  'Bác Hồ với đồng bào các dân tộc',
  'Tây Bắc – những trang sử hào hùng',
  'Biên giới phía Bắc 1979',
  'Các vua Hùng dựng nước',
  'Hai Bà Trưng',
  'Ngô Quyền và chiến thắng Bạch Đằng',
  'Lý Thường Kiệt',
  'Trần Hưng Đạo',
  'Lê Lợi và khởi nghĩa Lam Sơn',
  'Quang Trung Nguyễn Huệ',
  'Cách mạng tháng Tám 1945',
  'Lai Châu 1909 – 2009: một thế kỷ',
  'Đèo Ô Quy Hồ và những con đường Tây Bắc',
  'Cột mốc biên giới Việt – Trung trên đất Lai Châu',
];
const historyPatterns = [
  (n: number) => `Lịch sử Việt Nam, tập ${n}`,
  (n: number) => `Đại Việt sử ký toàn thư, tập ${n}`,
  (n: number) => `Việt Nam sử lược, phần ${n}`,
];
const places = [
  'Tam Đường',
  'Phong Thổ',
  'Sìn Hồ',
  'Mường Tè',
  'Than Uyên',
  'Tân Uyên',
  'Nậm Nhùn',
  'Bình Lư',
  'Bản Bo',
  'Khun Há',
  'Nà Tăm',
  'Sơn Bình',
  'Bản Giang',
  'Thèn Sin',
  'Hồ Thầu',
  'Nùng Nàng',
];
const placePatterns = [
  (p: string) => `Lịch sử xã ${p}`,
  (p: string) => `${p} – đất và người`,
  (p: string) => `Di tích và danh thắng ở ${p}`,
];

// --- Law ---
const laws = [
  'Luật Đất đai 2024',
  'Luật Hôn nhân và gia đình',
  'Luật Giao thông đường bộ',
  'Luật Bảo vệ môi trường',
  'Luật Trẻ em',
  'Luật Người khuyết tật',
  'Luật Thư viện 2019',
  'Luật Lâm nghiệp',
  'Luật Hợp tác xã',
  'Luật Phòng, chống bạo lực gia đình',
  'Luật Bình đẳng giới',
  'Luật Người cao tuổi',
  'Luật Giáo dục',
  'Luật Cư trú',
  'Luật Căn cước',
  'Luật Dân quân tự vệ',
  'Luật Nghĩa vụ quân sự',
  'Luật Trồng trọt',
  'Luật Chăn nuôi',
  'Luật Bảo hiểm y tế',
  'Luật Phòng, chống ma túy',
  'Luật An ninh mạng',
  'Bộ luật Dân sự',
  'Bộ luật Hình sự',
  'Bộ luật Lao động',
  'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam',
];
const lawPatterns = [(l: string) => l, (l: string) => `Tìm hiểu ${l}`, (l: string) => `Hỏi đáp ${l}`];
const legalTopics = [
  'phòng chống tảo hôn và hôn nhân cận huyết thống',
  'quyền của trẻ em',
  'đất đai cho đồng bào dân tộc',
  'phòng chống mua bán người',
  'trợ giúp pháp lý miễn phí',
  'chính sách hỗ trợ hộ nghèo',
  'phòng chống ma túy ở vùng biên giới',
  'bảo vệ rừng',
  'an toàn giao thông nông thôn',
  'chính sách dân tộc',
  'bảo hiểm xã hội tự nguyện',
  'hòa giải ở cơ sở',
];

// --- Health ---
const healthTopics = [
  'chăm sóc bà mẹ và trẻ sơ sinh',
  'dinh dưỡng cho trẻ vùng cao',
  'phòng chống suy dinh dưỡng',
  'phòng chống sốt rét',
  'phòng chống bướu cổ',
  'sức khỏe người cao tuổi',
  'sơ cứu ban đầu',
  'phòng bệnh mùa rét',
  'vệ sinh an toàn thực phẩm',
  'nước sạch và vệ sinh môi trường',
  'tiêm chủng cho trẻ em',
  'phòng chống lao',
  'bệnh tăng huyết áp',
  'bệnh tiểu đường',
  'sức khỏe sinh sản vị thành niên',
  'thuốc nam quanh nhà',
  'phục hồi chức năng tại cộng đồng',
  'chăm sóc mắt',
  'răng miệng cho học sinh',
  'phòng chống tác hại của rượu',
];
const healthPatterns = [
  (t: string) => `Cẩm nang ${t}`,
  (t: string) => `Hỏi đáp về ${t}`,
  (t: string) => `Hướng dẫn ${t}`,
  (t: string) => `Gia đình em với ${t}`,
];

// --- Ethnic culture ---
const peoples = [
  'Thái',
  "H'Mông",
  'Dao',
  'Giáy',
  'Lự',
  'Khơ Mú',
  'Lào',
  'Cống',
  'Mảng',
  'Hà Nhì',
  'La Hủ',
  'Si La',
  'Kháng',
];
const culturePatterns = [
  (p: string) => `Văn hóa truyền thống dân tộc ${p}`,
  (p: string) => `Trang phục truyền thống người ${p}`,
  (p: string) => `Truyện cổ dân tộc ${p}`,
  (p: string) => `Dân ca ${p}`,
  (p: string) => `Tục ngữ, câu đố ${p}`,
  (p: string) => `Nhà ở truyền thống của người ${p}`,
  (p: string) => `Lễ cưới của người ${p}`,
  (p: string) => `Ẩm thực người ${p} ở Lai Châu`,
  (p: string) => `Tri thức dân gian của người ${p}`,
  (p: string) => `Nghề thủ công truyền thống người ${p}`,
];
const cultureTitles = [
  "Lễ hội Gầu Tào của người H'Mông",
  'Lễ cấp sắc của người Dao',
  'Lễ hội Xên bản, Xên mường của người Thái',
  'Lễ hội Roóng Poọc của người Giáy',
  'Lễ hội Then Kin Pang của người Thái trắng',
  'Nghệ thuật xòe Thái',
  "Khèn H'Mông – tiếng lòng của núi",
  'Chữ Thái cổ và sách cổ Thái',
  'Chữ Nôm Dao',
  'Nghề dệt thổ cẩm ở Lai Châu',
  'Trang phục Dao đỏ',
  "Vẽ sáp ong trên vải lanh của người H'Mông",
  'Múa khăn của người Lự',
  'Văn hóa các dân tộc tỉnh Lai Châu',
  'Các dân tộc thiểu số ở Việt Nam',
  '54 dân tộc Việt Nam',
  'Bản Sin Suối Hồ – du lịch cộng đồng',
  'Bản Lao Chải và nghề dệt',
  'Ruộng bậc thang Tây Bắc',
];

// --- Skills, science and everyday life ---
const skillTitles = [
  'Tin học văn phòng cơ bản',
  'Sử dụng điện thoại thông minh cho người lớn tuổi',
  'Internet an toàn cho học sinh',
  'Tiếng Anh giao tiếp hằng ngày',
  'Tiếng Trung giao tiếp cho người buôn bán vùng biên',
  'Kỹ năng sống cho tuổi học trò',
  'Kỹ năng thuyết trình',
  'Nấu ăn gia đình',
  'Món ngon Tây Bắc',
  'Sửa chữa điện dân dụng',
  'Sửa chữa xe máy',
  'Nghề mộc cơ bản',
  'Nghề may dân dụng',
  'Làm du lịch cộng đồng',
  'Khởi nghiệp ở nông thôn',
  'Quản lý tài chính gia đình',
  'Kỹ năng tìm việc làm',
  'Hướng nghiệp cho học sinh miền núi',
  'Tìm hiểu vũ trụ',
  'Thế giới động vật',
  'Biến đổi khí hậu và chúng ta',
  'Năng lượng mặt trời cho gia đình',
  'Từ điển Tiếng Việt',
  'Từ điển Việt – Anh',
  'Từ điển Việt – Mông',
  'Từ điển Thái – Việt',
  'Sổ tay chính tả',
  'Bách khoa tri thức phổ thông',
  'Hỏi đáp về thế giới tự nhiên',
];

// --- Newspapers and magazines (bound by year) ---
const periodicals = [
  'Báo Nhân Dân',
  'Báo Lai Châu',
  'Tạp chí Văn nghệ Lai Châu',
  'Báo Nông thôn Ngày nay',
  'Báo Thiếu niên Tiền phong và Nhi đồng',
  'Tạp chí Sức khỏe và Đời sống',
  'Báo Dân tộc và Phát triển',
  'Tạp chí Khoa học phổ thông',
  'Báo Văn hóa',
  'Tạp chí Thư viện Việt Nam',
];

const maps = [
  'Bản đồ hành chính tỉnh Lai Châu',
  'Atlat Địa lí Việt Nam',
  'Bản đồ du lịch Lai Châu',
  'Bản đồ hành chính Việt Nam',
  'Bản đồ thế giới',
];

/** A Vietnamese author's name, mostly Kinh, sometimes from the district's peoples. */
function author(prng: Prng): string {
  return makeAuthorName(prng);
}

function authors(prng: Prng, max = 2): string[] {
  const n = prng.chance(0.2) ? Math.min(2, max) : 1;
  const out: string[] = [];
  while (out.length < n) {
    const name = author(prng);
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

interface Candidate {
  title: string;
  authors: () => string[];
  audience: Audience;
  /** Baseline popularity of the shelf. */
  shelf: number;
  reference?: boolean;
}

function expand<T>(items: readonly T[], patterns: readonly ((x: T) => string)[]): string[] {
  return patterns.flatMap((p) => items.map((x) => p(x)));
}

/**
 * Builds the catalogue: a deterministic draw from every shelf, roughly as a
 * district library's holdings are shared out, plus accessible editions and
 * bound volumes of newspapers.
 */
export function makeCatalogue(prng: Prng, target: number): TitleSpec[] {
  const shelves: { share: number; candidates: Candidate[] }[] = [];
  const shelf = (share: number, candidates: Candidate[]) => shelves.push({ share, candidates });
  const withAuthors = (titles: string[], audience: Audience, popularity: number, reference = false): Candidate[] =>
    titles.map((title) => ({ title, authors: () => authors(prng), audience, shelf: popularity, reference }));

  // Literature: the classics, then composed titles and collections.
  const litComposed = litSubjects.flatMap((subject) => litTails.map((tail) => `${subject} ${tail}`));
  shelf(0.28, [
    ...classics.map(([title, by]) => ({ title, authors: () => [by], audience: 'general' as const, shelf: 3 })),
    ...withAuthors(prng.shuffled(litComposed).slice(0, 400), 'general', 1.2),
    ...litForms.flatMap((form) =>
      Array.from({ length: 12 }, () => {
        const by = author(prng);
        return { title: `${form} ${by}`, authors: () => [by], audience: 'general' as const, shelf: 1 };
      }),
    ),
  ]);
  // Farming.
  shelf(0.2, [
    ...withAuthors(expand(crops, cropPatterns), 'farming', 1.4),
    ...withAuthors(expand(livestock, livestockPatterns), 'farming', 1.4),
    ...withAuthors(farmingTopics, 'farming', 1.6),
  ]);
  // Children.
  const school: string[] = [];
  for (const pattern of schoolPatterns)
    for (const subject of schoolSubjects) for (let g = 1; g <= 9; g += 1) school.push(pattern(subject, g));
  shelf(0.2, [
    ...folkTales.map((t) => ({ title: t, authors: () => [] as string[], audience: 'children' as const, shelf: 2.5 })),
    ...childSeries.flatMap((series) =>
      Array.from({ length: 8 }, (_, i) => ({
        title: `${series}, tập ${i + 1}`,
        authors: () => authors(prng, 1),
        audience: 'children' as const,
        shelf: 2.2,
      })),
    ),
    ...withAuthors(expand(childTopics, childPatterns), 'children', 2),
    ...withAuthors(school, 'children', 1.3),
  ]);
  // History and geography.
  shelf(0.07, [
    ...withAuthors(historyTitles, 'general', 1),
    ...[1, 2, 3, 4, 5].flatMap((n) =>
      withAuthors(
        historyPatterns.map((p) => p(n)),
        'general',
        0.6,
        true,
      ),
    ),
    ...withAuthors(expand(places, placePatterns), 'general', 0.7),
  ]);
  // Law.
  shelf(0.07, [
    ...expand(laws, lawPatterns).map((title) => ({
      title,
      authors: () => [] as string[],
      audience: 'reference' as const,
      shelf: 0.6,
      reference: true,
    })),
    ...withAuthors(
      legalTopics.map((t) => `Hỏi đáp pháp luật về ${t}`),
      'general',
      0.8,
    ),
  ]);
  // Health.
  shelf(0.06, withAuthors(expand(healthTopics, healthPatterns), 'general', 1.1));
  // Ethnic culture.
  shelf(0.1, [
    ...withAuthors(cultureTitles, 'general', 1.3),
    ...withAuthors(expand(peoples, culturePatterns), 'general', 1),
  ]);
  // Skills, science, dictionaries.
  shelf(0.025, [
    ...withAuthors(skillTitles, 'general', 1.2).map((c) =>
      c.title.startsWith('Từ điển') || c.title.startsWith('Bách khoa') ? { ...c, reference: true } : c,
    ),
  ]);

  const periodicalSpecs: TitleSpec[] = [];
  for (const name of periodicals)
    for (const year of [2024, 2025])
      periodicalSpecs.push({
        title: `${name} – năm ${year}`,
        authors: [],
        materialType: 'periodical',
        audience: 'periodical',
        popularity: 0.8,
        reference: false,
      });
  const mapSpecs: TitleSpec[] = maps.map((title) => ({
    title,
    authors: [],
    materialType: 'map',
    audience: 'reference',
    popularity: 0.3,
    reference: true,
  }));

  // Printed titles from every shelf; accessible editions come after.
  const accessibleShare = 0.07;
  const printed = target - periodicalSpecs.length - mapSpecs.length - Math.round(target * accessibleShare);
  const seen = new Set<string>();
  const specs: TitleSpec[] = [];
  const totalShare = shelves.reduce((s, x) => s + x.share, 0);
  shelves.forEach((s, i) => {
    const want = i === shelves.length - 1 ? printed - specs.length : Math.round((printed * s.share) / totalShare);
    const pool = prng.shuffled(s.candidates);
    // Classics and folk tales first: every library has them.
    pool.sort((a, b) => b.shelf - a.shelf);
    let taken = 0;
    for (const c of pool) {
      if (taken >= want) break;
      if (seen.has(c.title)) continue;
      seen.add(c.title);
      taken += 1;
      specs.push({
        title: c.title,
        authors: c.authors(),
        materialType: 'book',
        audience: c.audience,
        popularity: c.shelf * (0.2 + prng.next() * prng.next() * 4),
        reference: c.reference ?? false,
      });
    }
  });
  // If a shelf ran short, number the next editions of existing titles.
  for (let edition = 2; specs.length < printed; edition += 1) {
    for (const base of specs.slice(0, printed - specs.length)) {
      const title = `${base.title} (tái bản lần ${edition})`;
      if (seen.has(title)) continue;
      seen.add(title);
      specs.push({ ...base, title, popularity: base.popularity * 0.7 });
    }
  }

  // Accessible editions of popular and useful books: braille, large print, audiobooks, DAISY, video.
  const formats: readonly (readonly [MaterialType, string, number])[] = [
    ['large_print', 'khổ chữ lớn', 3],
    ['audio', 'sách nói', 3],
    ['braille', 'chữ nổi Braille', 2],
    ['daisy', 'sách nói DAISY', 1],
    ['video', 'đĩa hình', 1],
  ];
  const accessibleWant = target - periodicalSpecs.length - mapSpecs.length - specs.length;
  const sources = prng
    .shuffled(specs.filter((s) => s.audience !== 'reference'))
    .sort((a, b) => b.popularity - a.popularity)
    .slice(0, accessibleWant * 3);
  const accessible: TitleSpec[] = [];
  for (const source of sources) {
    if (accessible.length >= accessibleWant) break;
    const [materialType, label] = prng.weighted(formats.map((f) => [[f[0], f[1]] as const, f[2]] as const));
    if (materialType === 'video' && source.audience !== 'farming') continue;
    const title = `${source.title} (${label})`;
    if (seen.has(title)) continue;
    seen.add(title);
    accessible.push({
      title,
      authors: source.authors,
      materialType,
      audience: 'accessible',
      popularity: 1 + prng.next() * 2,
      reference: false,
    });
  }

  return [...specs, ...accessible, ...periodicalSpecs, ...mapSpecs].map((s) => ({
    ...s,
    title: s.title.normalize('NFC'),
    authors: s.authors.map((a) => a.normalize('NFC')),
  }));
}
