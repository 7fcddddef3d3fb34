/* plan_tasks.c — the built-in standard tasks of the improvement plan: seed
 * 003's appendix as a const table (plan.h plan_std_builtin). The texts are
 * the appendix's, word for word (its few typing slips included); "{năm}"
 * stands for the plan's year, filled in when the suggestion is made. */
#include "svc/plan.h"

#include <stdio.h>

#include "base/arena.h"
#include "svc/plan_int.h"

struct builtin {
	const char *criterion, *task, *responsible, *schedule, *expected;
};

static const struct builtin builtins[] = {
	/* I. Tiêu chí tiếp cận dịch vụ */
	{"TC",
		"Cung cấp các thông tin cần thiết cho tổ chức, cá nhân rõ ràng, đầy đủ, cụ thể, dễ tiếp cận "
		"và thông qua nhiều hình thức, bao gồm:\n"
		"- Bộ thủ tục hành chính và các biểu mẫu, phí, lệ phí; cách thức thực hiện thủ tục hành "
		"chính;\n"
		"- Bộ hồ sơ mẫu;\n"
		"- Hướng dẫn nộp hồ sơ trực tuyến qua mạng Internet;\n"
		"- Hướng dẫn sử dụng dịch vụ bưu chính công ích;\n"
		"- Thông tin đường dây nóng và cách gửi phản ánh, kiến nghị;\n"
		"- Thông báo trả lời ý kiến, giải đáp vướng mắc của khách hàng;\n"
		"- Quy chế tiếp công dân, nội quy nơi làm việc; thời gian làm việc của Bộ phận một cửa;\n"
		"- Các tiện ích khác liên quan như: tra cứu hồ sơ, thanh toán trực tuyến, khai thác kết "
		"quả giải quyết bản điện tử…",
		"- Trung tâm phục vụ hành chính công niêm yết các thông tin tại Trung tâm phục vụ hành "
		"chính công; chuẩn bị và phát tờ rơi (nếu có), chủ động hướng dẫn, cung cấp các thông tin "
		"cần thiết cho tổ chức, công dân.\n"
		"- Phòng Văn hóa – Xã hội đăng tải trên Trang thông tin điện tử; phối hợp với các cơ quan, "
		"đơn vị liên quan thực hiện tuyên truyền phổ biến các thông tin về cải cách hành chính "
		"trên các phương tiện thông tin đại chúng, mạng xã hội (Facebook, Zalo, Youtube…), băng "
		"rôn, pano tuyên hiện tuyên truyền…\n"
		"- Các cơ quan, đơn vị chủ động niêm yết tại trụ sở cơ quan; trình chiếu trên màn hình "
		"LED.\n"
		"- Các cơ quan, đơn vị tham mưu UBND phường kết hợp tuyên truyền, cung cấp thông tin "
		"thông qua các hội nghị, hội thảo có đối tượng tham gia là người dân, doanh nghiệp.",
		"thuong-xuyen",
		"- Các thông tin được cung cấp cho tổ chức, công dân đầy đủ, kịp thời, rõ ràng, cụ thể, "
		"bằng nhiều hình thức đa dạng, dễ nhận biết, dễ tiếp cận, dễ tra cứu.\n"
		"- Công chức, viên chức việc tại Trung tâm phục vụ hành chính công chủ động, tích cực "
		"cung cấp thông tin, hướng dẫn rõ ràng, cụ thể cho tổ chức, công dân."},
	{"TC", "Thiết lập hệ thống các kênh hỗ trợ, giải đáp trực tuyến",
		"Phòng Văn hóa – Xã hội phối hợp với Văn phòng HĐND và UBND phường và các cơ quan chuyên "
		"môn thiết lập và sử dụng kênh hỗ trợ, giải đáp trực tuyến thông qua mạng xã hội "
		"(Facebook, Zalo…) để hỗ trợ trực tuyến, giải đáp về TTHC cho khách hàng",
		"trong-nam",
		"Khách hàng có nhu cầu hướng dẫn, giải đáp về TTHC có thể liên hệ các kênh hỗ trợ, giải "
		"đáp trực tuyến của thành phố để được hỗ trợ."},
	{"TC",
		"Tận tình giải đáp thắc mắc về thủ tục hành chính hoặc cách thức đăng ký, sử dụng dịch "
		"vụ hành chính công cho tổ chức, công dân khi được yêu cầu.",
		"Công chức, viên chức tại Trung tâm phục vụ hành chính công hướng dẫn tận tình, cụ thể, "
		"rõ ràng, đầy đủ những thắc mắc của tổ chức, công dân. Nghiêm cấm thái độ khó chịu, thờ "
		"ơ, đùn đẩy trách nhiệm.",
		"trong-nam",
		"Tổ chức, công dân được giải đáp đầy đủ, rõ ràng các thông tin, nội dung còn vướng mắc, "
		"thực hiện thủ tục hành chính thuận tiện."},
	{"TC",
		"Sử dụng màn hình LED để cung cấp các thông tin cần thiết cho khách hàng tại Trung tâm "
		"phục vụ hành chính công.",
		"Trung tâm phục vụ hành chính công bố trí thêm màn hình LED để trình chiếu các video giới "
		"thiệu về dịch vụ công.",
		"thuong-xuyen",
		"Trung tâm phục vụ hành chính công được bố trí thêm màn hình LED để trình chiếu các video "
		"giới thiệu về dịch vụ công."},
	{"TC",
		"Theo dõi, giám sát, kiểm tra việc công chức, viên chức làm việc tại Trung tâm phục vụ "
		"hành chính công hướng dẫn, cung cấp thông tin cho tổ chức, công dân. Chấn chỉnh, xử lý "
		"nghiêm các trường hợp vi phạm, không chủ động, không nhiệt tình cung cấp thông tin cho "
		"khách hàng hoặc cung cấp thông tin không chính xác, không đầy đủ; trường hợp cần thiết "
		"thực hiện thay thế nhân sự làm việc tại Trung tâm phục vụ hành chính công theo quy định.",
		"Trung tâm phục vụ hành chính công tăng cường theo dõi, giám sát. kiểm tra công chức, viên "
		"chức làm việc tại Trung tâm phục vụ hành chính công; phối hợp với cơ quan quản lý công "
		"chức, viên chức, nhân viên làm việc tại Trung tâm phục vụ hành chính công để xử lý các "
		"trường hợp vi phạm.",
		"thuong-xuyen",
		"- Công chức, viên chức, làm việc tại Trung tâm phục vụ hành chính công chủ động, nhiệt "
		"tình trong việc cung cấp thông tin cho khách hàng.\n"
		"- Khách hàng được cung cấp đầy đủ các thông tin cần thiết."},
	{"TC",
		"Thường xuyên theo dõi, cung cấp đầy đủ văn phòng phẩm (mẫu tờ khai, viết, ghim giấy…) "
		"tại mỗi quầy giao dịch để hỗ trợ tổ chức, công dân thực hiện kê khai, hoàn thiện hồ sơ "
		"thủ tục hành chính; bố trí thêm bàn phím, chuột trên hệ thống máy tính để thuận tiện "
		"hơn trong quá trình tra cứu thông tin; bổ sung máy tính, máy scan phục vụ nhu cầu nộp hồ "
		"sơ trực tuyến của tổ chức, công dân; bổ sung ghế ngồi phù hợp tại mỗi quầy giao dịch; bổ "
		"sung nước uống, ly uống nước phục vụ khách hàng. Thường xuyên kiểm tra để sửa chữa, thay "
		"thế các trang thiết bị hư hỏng.",
		"Trung tâm phục vụ hành chính công chủ trì rà soát, phối hợp với Phòng Kinh tế, Hạ tầng "
		"và Đô thị đề xuất bổ sung các trang thiết bị cần thiết tại Trung tâm phục vụ hành chính "
		"công, thường xuyên theo dõi, kiểm tra để kịp thời sửa chữa, thay thế các trang thiết bị "
		"hư hỏng. Nghiên cứu việc hỗ trợ khách hàng photocopy một số giấy tờ đơn giản, số lượng "
		"trang ít để hoàn thiện hồ sơ đầu vào.",
		"thuong-xuyen",
		"Các trang thiết bị cần thiết được bố trí đầy đủ tại Trung tâm phục vụ hành chính công "
		"để đáp ứng tốt nhất nhu cầu của khách hàng."},
	{"TC",
		"Tiếp tục rà soát, cải tạo không gian giao tiếp giữa khách hàng với công chức, viên chức, "
		"nhân viên tại Trung tâm phục vụ hành chính công theo quy định tại Nghị định số "
		"118/2025/NĐ-CP ngày 09/6/2025",
		"Trung tâm phục vụ hành chính công nghiên cứu, đề xuất.", "trong-nam",
		"Không gian giao tiếp giữa khách hàng với công chức, viên chức, nhân viên tại Trung tâm "
		"phục vụ hành chính công được cải tạo, nâng cấp, tạo thuận lợi cho khách hàng khi giao "
		"dịch"},
	/* II. Tiêu chí Thủ tục hành chính */
	{"HC",
		"Chủ động rà soát, cập nhật và công khai đầy đủ các thủ tục hành chính thuộc thẩm quyền "
		"giải quyết của UBND phường. Nội dung công khai thủ tục hành chính đúng theo yêu cầu tại "
		"Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Văn phòng Chính phủ hướng dẫn về nghiệp "
		"vụ kiểm soát thủ tục hành chính.",
		"- Các cơ quan chuyên môn thuộc UBND phường chủ động rà soát, cung cấp nội dung thủ tục "
		"hành chính cho Trung tâm phục vụ hành chính công để niêm yết, công khai, đảm bảo danh "
		"mục TTHC được niêm yết đúng theo yêu cầu tại Thông tư số 02/2017/TT-VPCP ngày "
		"31/10/2017.\n"
		"- Trung tâm phục vụ hành chính công kiểm tra, loại bỏ nội dung niêm yết các thủ tục "
		"hành chính đã hết hiệu lực, đã bị thay thế khỏi bảng niêm yết thủ tục hành chính tại "
		"Trung tâm phục vụ hành chính công, chỉ niêm yết các thủ tục hành chính còn hiệu lực thi "
		"hành; nghiên cứu bố trí bảng niêm yết thuận lợi khi đứng tra cứu. Bổ sung thêm các mã QR "
		"niêm yết thủ tục hành chính tại Trung tâm phục vụ hành chính công.",
		"thuong-xuyen",
		"Các thủ tục hành chính được công khai đầy đủ, kịp thời, rõ ràng tại Trung tâm phục vụ "
		"hành chính công của phường, trên Trang thông tin điện tử phường."},
	{"HC",
		"Tiếp tục cập nhật, bổ sung, điều chỉnh các hồ sơ mẫu đối với toàn bộ thủ tục hành chính "
		"thuộc thẩm quyền giải quyết của UBND phường, đặt tại bàn viết hồ sơ trong Trung tâm phục "
		"vụ hành chính công để khách hàng tra cứu, tham khảo và hoàn thiện các biểu mẫu, tờ khai "
		"khi thực hiện thủ tục hành chính.",
		"Các cơ quan chuyên môn của phường, Đội thuế khu vực cung cấp các hồ sơ mẫu được kê khai "
		"đầy đủ thông tin cho Trung tâm phục vụ hành chính công để đặt tại Trung tâm phục vụ hành "
		"chính công.",
		"thuong-xuyen", "Các hồ sơ mẫu được bổ sung đầy đủ theo từng thủ tục hành chính."},
	{"HC",
		"Tiếp tục rà soát các thủ tục thuộc thẩm quyền giải quyết của UBND cấp xã để phát hiện "
		"những vướng mắc, bất cập, kiến nghị sửa đổi, bổ sung, đề xuất giảm các giấy tờ, biểu "
		"mẫu, tờ khai không cần thiết, rút ngắn quy trình, bước giải quyết công việc nhằm tạo "
		"thuận lợi cho người dân, tổ chức, doanh nghiệp khi thực hiện thủ tục hành chính. Tập "
		"trung rà soát các thủ tục hành chính mà khách hàng có ý kiến phản ánh còn phức tạp, khó "
		"thực hiện (lĩnh vực đất đai, xây dựng, an toàn vệ sinh thực phẩm và dinh dưỡng).",
		"- Các cơ quan chuyên môn phường tiến hành rà soát các thủ tục hành chính trong lĩnh vực "
		"phụ trách, báo cáo kết quả về Trung tâm phục vụ hành chính công.\n"
		"- Trung tâm phục vụ hành chính công tổng hợp, kiểm tra kết quả rà soát của các cơ quan "
		"đơn vị, tham mưu UBND phường báo cáo UBND tỉnh đúng thời hạn quy định.",
		"thuong-xuyen",
		"Các vướng mắc, bất cập và kiến nghị, đề xuất phương án đơn giản hóa thủ tục hành chính "
		"được tổng hợp, báo cáo kịp thời cho cơ quan có thẩm quyền trong các báo cáo định kỳ về "
		"kiểm soát thủ tục hành chính, báo cáo rà soát thủ tục hành chính năm " YEAR_MARK
		" hoặc báo cáo đột xuất."},
	{"HC",
		"Không yêu cầu tổ chức công dân nộp các giấy tờ ngoài thành phần quy định, các giấy tờ "
		"đã được số hóa, lưu trữ và chia sẻ trên hệ thống Một cửa điện tử.",
		"Trung tâm phục vụ hành chính công chỉ đạo người phụ trách tiếp nhận hồ sơ triển khai "
		"thực hiện theo đúng quy định.",
		"thuong-xuyen",
		"Thành phần hồ sơ được tiếp nhận đúng theo quy định của thủ tục hành chính."},
	/* III. Tiêu chí Sự phục vụ của công chức, viên chức */
	{"PV",
		"Hướng dẫn, giải đáp cụ thể, rõ ràng cho tổ chức, công dân về tiến độ giải quyết hồ sơ, "
		"các vướng mắc đối với hồ sơ cần bổ sung, hồ sơ dừng tính, hồ sơ không đủ điều kiện giải "
		"quyết.",
		"Các cơ quan chuyên môn của phường, Đội thuế thường xuyên theo dõi, kiểm tra, chỉ đạo "
		"công chức, viên chức tại Trung tâm phục vụ hành chính công thực hiện đúng quy định. "
		"Không yêu cầu tổ chức, công dân liên hệ trực tiếp với công chức, viên chức thụ lý hồ sơ "
		"khi có thắc mắc về việc giải quyết hồ sơ",
		"thuong-xuyen",
		"Mọi yêu cầu về hướng dẫn, giải đáp thắc mắc, bổ sung, kiểm tra thành phần hồ sơ của tổ "
		"chức, công dân được công chức, viên chức tại Trung tâm phục vụ hành chính công hướng "
		"dẫn, giải đáp cụ thể."},
	{"PV",
		"Cán bộ, công chức, viên chức tại các cơ quan, đơn vị phải giao tiếp, ứng xử văn minh, "
		"lịch sự, tận tình, giải quyết công việc nhanh chóng, chuyên nghiệp, sẵn sàng giúp đỡ "
		"người dân, tổ chức và doanh nghiệp khi đến giao dịch. Không tiếp nhận hồ sơ ngoài Trung "
		"tâm phục vụ hành chính công hoặc giới thiệu khách hàng liên hệ với tổ chức, cá nhân làm "
		"dịch vụ để thực hiện thủ tục hành chính.",
		"- Giám đốc Trung tâm phục vụ hành chính công chỉ đạo công chức, viên chức thực hiện "
		"nghiêm quy định.\n"
		"- Lãnh đạo các phòng, ban chuyên môn chỉ đạo cán bộ, công chức về kỷ cương, kỷ luật hành "
		"chính, đặc biệt là khi giao tiếp với tổ chức, công dân.",
		"thuong-xuyen",
		"Cán bộ, công chức, viên chức thực hiện nghiêm quy tắc ứng xử, quy chế văn hóa công sở, "
		"các quy định về tiếp nhận, giải quyết, trả kết quả giải quyết thủ tục hành chính theo cơ "
		"chế một cửa, một cửa liên thông, tận tình phục vụ khách hàng khi đến giao dịch, thực "
		"hiện thủ tục hành chính hoặc liên hệ giải quyết các công việc khác."},
	{"PV",
		"Phải ưu tiên tiếp đón khách hàng đến giao dịch, không được làm việc riêng, nghe điện "
		"thoại, thờ ơ trong khi khách hàng phải chờ đợi, trường hợp cần thiết phải vắng mặt, cần "
		"xử lý công việc cấp bách thì phải xin lỗi, trao đổi rõ với khách hàng.\n"
		"Thực hiện nghiêm túc việc tiếp nhận và giải quyết thủ tục hành chính theo cơ chế một "
		"cửa, một cửa liên thông. Tất cả hồ sơ phải thực hiện tiếp nhận và trả kết quả tại Trung "
		"tâm phục vụ hành chính công, tuân thủ chặt chẽ quy trình luân chuyển hồ sơ giữa các công "
		"chức chuyên môn, các bộ phận. Khi hướng dẫn tổ chức, công dân hoàn thiện hồ sơ phải có "
		"Phiếu hướng dẫn hoàn thiện hồ sơ theo quy định, nội dung hướng dẫn phải rõ ràng, cụ thể. "
		"Nếu có bổ sung hồ sơ thì chỉ được phép yêu cầu không quá 01 lần. Nếu hồ sơ trễ hạn phải "
		"có thông báo hẹn lại thời gian trả kết quả và xin lỗi tổ chức, công dân trong thời hạn "
		"chậm nhất 01 ngày trước ngày hẹn trả. Việc hẹn lại ngày trả kết quả được thực hiện không "
		"quá một lần",
		"Lãnh đạo các phòng, ban chuyên môn chỉ đạo công chức, viên chức thực hiện đúng quy định",
		"thuong-xuyen",
		"Hồ sơ của khách hàng được hướng dẫn, tiếp nhận và giải quyết đúng theo quy định hiện "
		"hành về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành "
		"chính."},
	{"PV",
		"Tăng cường kiểm tra, giám sát đội ngũ công chức, viên chức các cơ quan, đơn vị về việc "
		"thực hiện nhiệm vụ, công vụ, giải quyết hồ sơ thủ tục hành chính; kiên quyết phê bình và "
		"xử lý nghiêm đối với các trường hợp nhận hồ sơ ngoài Trung tâm phục vụ hành chính công; "
		"các hành vi thiếu tinh thần trách nhiệm, vi phạm đạo đức công vụ, các trường hợp công "
		"chức, viên chức tự đặt thêm khâu công việc, nhũng nhiễu, tiêu cực, gây phiền hà cho "
		"khách hàng.",
		"- Lãnh đạo các cơ quan, đơn vị thường xuyên tự kiểm tra việc thực hiện của công chức, "
		"viên chức trong cơ quan, đơn vị.\n"
		"- Phòng Văn hóa – Xã hội chủ trì và phối hợp với Văn phòng HĐND và UBND phường thực hiện "
		"kiểm tra các cơ quan, đơn vị liên quan theo kế hoạch hoặc kiểm tra đột xuất.",
		"thuong-xuyen",
		"Cán bộ, công chức, viên chức chấp hành nghiêm kỷ cương hành chính, kỷ luật công vụ, "
		"giải quyết công việc cho tổ chức, công dân đúng quy định. Các trường hợp vi phạm được "
		"chấn chỉnh kịp thời và xử lý nghiêm theo quy định hiện hành."},
	{"PV",
		"Tăng cường, bố trí thêm công chức, viên chức tại Trung tâm phục vụ hành chính công để "
		"tiếp nhận hồ sơ trong các lĩnh vực người dân có nhu cầu nộp hồ sơ cao (nếu có).",
		"Trung tâm phục vụ hành chính công chủ động bố trí thêm công chức, viên chức thực hiện "
		"việc tiếp nhận hồ sơ thủ tục hành chính trong lĩnh vực phụ trách, đặc biệt là tiếp nhận "
		"kịp thời các hồ sơ trực tuyến (thời gian tiếp nhận không quá tám giờ làm việc kể từ khi "
		"tổ chức, công dân nộp hồ sơ thành công trên hệ thống).",
		"thuong-xuyen",
		"Hồ sơ của tổ chức, công dân được tiếp nhận kịp thời, đúng quy định, không phải đi lại "
		"nhiều lần để nộp hồ sơ."},
	{"PV",
		"Nghiên cứu triển khai giải pháp: Tổ hướng dẫn thủ tục hành chính trực tuyến tại các tổ "
		"dân phố, Tổ công nghệ số cộng đồng và triển khai Đề án 06 tham gia hướng dẫn người dân "
		"nộp hồ sơ trực tuyến đối với một số thủ tục hành chính đơn giản thuộc thẩm quyền của "
		"UBND phường.",
		"Trung tâm phục vụ hành chính công phối hợp các cơ quan liên quan nghiên cứu, đề xuất.",
		"quy-4",
		"Giảm lượng khách hàng tập trung tại Trung tâm phục vụ hành chính công, giảm thời gian "
		"chờ đợi của người dân để được tiếp nhận hồ sơ trực tiếp; tăng cường hiệu quả hoạt động "
		"của Tổ hướng dẫn thủ tục hành chính trực tuyến tại các tổ dân phố, Tổ công nghệ số cộng "
		"đồng và triển khai Đề án 06"},
	/* IV. Tiêu chí Kết quả giải quyết công việc */
	{"KQ",
		"Toàn bộ thông tin của khách hàng, hồ sơ đầu vào và tài liệu, văn bản phát sinh tại từng "
		"khâu công việc trong quá trình giải quyết thủ tục hành chính, kết quả giải quyết hồ sơ "
		"phải được cập nhật và lưu trữ đầy đủ trên phần mềm Một cửa điện tử.",
		"Lãnh đạo các cơ quan, đơn vị chỉ đạo công chức, viên chức thực hiện đầy đủ các nội dung "
		"theo yêu cầu.",
		"thuong-xuyen",
		"Các thông tin, tài liệu được cập nhật đầy đủ, kịp thời, phục vụ tốt nhu cầu tra cứu của "
		"khách hàng và thuận tiện cho công tác kiểm tra, giám sát của cơ quan có thẩm quyền."},
	{"KQ",
		"Thời gian tiếp nhận hoặc từ chối tiếp nhận, hướng dẫn bổ sung, hoàn thiện hồ sơ trực "
		"tuyến do tổ chức, công dân nộp trên Cổng dịch vụ công quốc gia không quá tám giờ làm "
		"việc kể từ khi tổ chức, công dân nộp hồ sơ thành công trên hệ thống.",
		"Trung tâm phục vụ hành chính công chỉ đạo công, viên chức thực hiện đúng quy định về "
		"thời gian tiếp nhận hoặc từ chối tiếp nhận, hướng dẫn bổ sung, hoàn thiện hồ sơ.",
		"thuong-xuyen",
		"Khách hàng nộp hồ sơ trực tuyến được tiếp nhận kịp thời, đúng quy định; không có phản "
		"ánh, kiến nghị về việc hồ sơ trực tuyến đã nộp thành công nhưng không được tiếp nhận."},
	{"KQ",
		"Theo dõi, kiểm tra, chấn chỉnh quá trình tiếp nhận, giải quyết hồ sơ, thủ tục hành "
		"chính cho tổ chức, công dân, xác định nguyên nhân và thực hiện các biện pháp cụ thể để "
		"đẩy nhanh tiến độ giải quyết hồ sơ, tăng tỷ lệ hồ sơ đúng hạn, hạn chế đến mức thấp nhất "
		"hồ sơ trễ hạn.",
		"- Các cơ quan chuyên môn của phường thường xuyên tự kiểm tra nội bộ về việc giải quyết "
		"hồ sơ thủ tục hành chính tại cơ quan, đơn vị; kịp thời đôn đốc, chỉ đạo xử lý đối với các "
		"hồ sơ vướng mắc, không để xảy ra hồ sơ trễ hạn.\n"
		"- Trung tâm phục vụ hành chính công thực hiện theo dõi, kiểm tra trên Phần mềm Một cửa "
		"điện tử, kịp thời tham mưu UBND phường chấn chỉnh, chỉ đạo việc giải quyết hồ sơ thủ tục "
		"hành chính; đồng thời tổ chức kiểm tra việc tiếp nhận, giải quyết thủ tục hành chính tại "
		"các cơ quan, đơn vị liên quan.",
		"thuong-xuyen",
		"Tăng hồ sơ đúng hạn, sớm hạn, giảm hồ sơ trễ hạn theo mục tiêu cải cách hành chính của "
		"phường trong năm " YEAR_MARK "."},
	{"KQ",
		"Thực hiện chuyển xử lý hồ sơ giấy và hồ sơ trên phần mềm đồng bộ, đúng thời hạn để đảm "
		"bảo khi nhận được tin nhắn thông báo trả kết quả, tổ chức, công dân đến Trung tâm phục "
		"vụ hành chính công sẽ nhận được ngay kết quả giải quyết thủ tục hành chính, không phải "
		"đi lại nhiều lần.",
		"Lãnh đạo các cơ quan, đơn vị chỉ đạo công chức, viên chức xử lý hồ sơ trên phần mềm Một "
		"cửa điện tử đồng bộ với hồ sơ giấy, không chuyển sớm để đối phó trong trường hợp hồ sơ "
		"trễ hạn.",
		"thuong-xuyen",
		"Khi nhận được tin nhắn thông báo trả kết quả, tổ chức, công dân đến Trung tâm phục vụ "
		"hành chính công thì nhận được ngay kết quả giải quyết thủ tục hành chính, không phải đi "
		"lại nhiều lần."},
	{"KQ",
		"Định kỳ hằng tuần tổng hợp, đánh giá tình hình tiếp nhận, giải quyết hồ sơ thuộc thẩm "
		"quyền giải quyết của UBND phường và đề nghị các cơ quan, đơn vị liên quan có biện pháp "
		"khắc phục đối với những hồ sơ trễ hạn.",
		"- Định kỳ thứ sáu hằng tuần, Trung tâm phục vụ hành chính công tiến hành tổng hợp kết "
		"quả giải quyết hồ sơ, báo cáo lãnh đạo UBND phường chỉ đạo xử lý, đồng thời chuyển các "
		"cơ quan, đơn vị liên quan để rà soát, giải trình.\n"
		"- Các cơ quan, đơn vị rà soát, giải trình nguyên nhân trễ hạn, xử lý trách nhiệm đối với "
		"các cá nhân có liên quan và có giải pháp cụ thể để không tái diễn các trường hợp tương "
		"tự.",
		"thu-sau-hang-tuan",
		"Các cơ quan, đơn vị có hồ sơ trễ hạn phải báo cáo, giải trình và chịu trách nhiệm trước "
		"lãnh đạo UBND phường đối với các hồ sơ trễ hạn do lỗi của cơ quan, đơn vị và thực hiện "
		"biện pháp khắc phục triệt để hạn chế thấp nhất hồ sơ trễ hạn."},
	/* V. Tiêu chí Tiếp nhận và xử lý thông tin phản hồi */
	{"TT",
		"Rà soát, cập nhật, thông báo công khai địa chỉ tiếp nhận phản ánh, kiến nghị của cá "
		"nhân, tổ chức về quy định hành chính, thủ tục hành chính tại Bộ phận tiếp nhận và trả "
		"kết quả của thành phố, tại trụ sở các cơ quan, đơn vị và trên các kênh thông tin đại "
		"chúng theo quy định tại Thông tư số 02/2017/TT-VPCP ngày 31/10/2017 của Văn phòng Chính "
		"phủ hướng dẫn về nghiệp vụ kiểm soát thủ tục hành chính.",
		"- Trung tâm phục vụ hành chính công thực hiện rà soát, công khai địa chỉ tiếp nhận phản "
		"ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính, thủ tục hành chính theo quy "
		"định.\n"
		"- Các công chức, viên chức chủ động cung cấp thông tin địa chỉ tiếp nhận phản ánh, kiến "
		"nghị cho khách hàng.",
		"khi-co-thay-doi",
		"Thông tin địa chỉ tiếp nhận phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành "
		"chính, thủ tục hành chính rà soát, cập nhật, niêm yết đầy đủ, công khai tại Trung tâm "
		"phục vụ hành chính công, tại trụ sở các cơ quan, đơn vị liên quan, đăng tải trên Trang "
		"thông tin điện tử của phường và in vào mặt sau của Giấy tiếp nhận hồ sơ và hẹn trả kết "
		"quả"},
	{"TT",
		"Tiếp nhận, giải đáp, xử lý kịp thời những phản ánh, kiến nghị của cá nhân, tổ chức về "
		"quy định hành chính, về quá trình tiếp nhận, giải quyết hồ sơ, về thái độ giao tiếp, ứng "
		"xử, phục vụ của cán bộ, công chức, viên chức...; trả lời bằng văn bản cho người phản ánh, "
		"kiến nghị; đồng thời công khai nội dung, kết quả xử lý, trả lời các phản ánh, kiến nghị "
		"theo Điều 19 Nghị định số 20/2008/NĐ-CP ngày 14/02/2008 của Chính phủ về tiếp nhận, xử "
		"lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính (được sửa đổi, bổ "
		"sung theo Điều 2 Nghị định số 92/2017/NĐ-CP ngày 07/8/2017 của Chính phủ sửa đổi, bổ "
		"sung một số điều của các Nghị định liên quan đến kiểm soát thủ tục hành chính).",
		"- Văn phòng HĐND và UBND phường chuyển các phản ánh, kiến nghị của cá nhân, tổ chức đến "
		"các cơ quan, đơn vị có trách nhiệm xử lý ngay sau khi nhận được thông tin phản ánh, kiến "
		"nghị (không quá tám giờ làm việc kể từ khi tiếp nhận).\n"
		"- Các cơ quan, đơn vị thuộc phường phối hợp giải đáp, xử lý kiến nghị theo quy định, gửi "
		"kết quả về Văn phòng HĐND và UBND phường để tổng hợp.\n"
		"- Văn phòng HĐND và UBND phường tổng hợp kết quả trả lời phản ánh, kiến nghị của các cơ "
		"quan, đơn vị để công khai theo quy định",
		"khi-tiep-nhan",
		"Các phản ánh, kiến nghị của cá nhân, tổ chức được tiếp nhận, xử lý kịp thời, đúng thời "
		"hạn; trả lời bằng văn bản cho người phản ánh, kiến nghị; đồng thời công khai nội dung, "
		"kết quả xử lý, trả lời các phản ánh, kiến nghị theo đúng quy định hiện hành."},
	{"TT",
		"Thường xuyên theo dõi, kiểm tra, xử lý kịp phản ánh, kiến nghị trên Hệ thống phản ánh, "
		"kiến nghị của người dân, doanh nghiệp về kinh tế - xã hội tỉnh Khánh Hòa, không để phát "
		"sinh phản ánh, kiến nghị trễ hẹn.",
		"Các cơ quan, đơn vị thực hiện việc tiếp nhận, xử lý phản ánh, kiến nghị đúng quy định",
		"khi-tiep-nhan",
		"Các phản ánh, kiến nghị của cá nhân, tổ chức được tiếp nhận, xử lý kịp thời, đúng thời "
		"hạn; công khai nội dung, kết quả xử lý, trả lời các phản ánh, kiến nghị đúng quy định "
		"hiện hành.\n"
		"Không có phản ánh, kiến nghị bị đánh giá không hài lòng."},
};

#define NBUILTIN (sizeof(builtins) / sizeof(builtins[0]))

int plan_std_builtin(struct hl_arena *a, struct store_plan_std **out, size_t *n, struct hl_err *err)
{
	struct store_plan_std *t = hl_arena_alloc(a, NBUILTIN * sizeof(*t));

	*out = NULL;
	*n = 0;
	if (t == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc nhiệm vụ mẫu");
	for (size_t i = 0; i < NBUILTIN; i++) {
		t[i].seq = (int)i + 1;
		snprintf(t[i].criterion, sizeof(t[i].criterion), "%s", builtins[i].criterion);
		snprintf(t[i].task, sizeof(t[i].task), "%s", builtins[i].task);
		snprintf(t[i].responsible, sizeof(t[i].responsible), "%s", builtins[i].responsible);
		snprintf(t[i].schedule, sizeof(t[i].schedule), "%s", builtins[i].schedule);
		snprintf(t[i].expected, sizeof(t[i].expected), "%s", builtins[i].expected);
	}
	*out = t;
	*n = NBUILTIN;
	return HL_OK;
}
