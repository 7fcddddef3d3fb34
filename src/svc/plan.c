/* plan.c — the improvement plan of plan.h: the standard tasks of seed 003's
 * appendix (built in, replaceable by an administrator), the suggestion from
 * the index query, a unit's plan per year with statuses and progress notes,
 * its CSV import (all or nothing, every bad line reported) and CSV forms.
 *
 * The built-in texts are the appendix's, word for word (its few typing
 * slips included); "{năm}" stands for the plan's year, filled in when the
 * suggestion is made. Two schedules of the appendix fit none of the issue's
 * codes, so they have their own: khi-co-thay-doi ("Thực hiện ngay sau khi
 * có sự thay đổi thông tin") and khi-tiep-nhan ("Khi tiếp nhận các phản
 * ánh, kiến nghị của cá nhân, tổ chức"). */
#include "svc/plan.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/index.h"
#include "io/csvout.h"
#include "io/csvread.h"
#include "svc/import.h"
#include "svc/indexq.h"
#include "svc/ingest.h"

#define ARENA_CAP ((size_t)64 * 1024 * 1024)
#define YEAR_MARK "{năm}"

/* ---- criteria, schedules, statuses ---- */

static const struct {
	const char *code, *name;
} crits[PLAN_NCRIT] = {
	{"TC", "Tiếp cận dịch vụ"},
	{"HC", "Thủ tục hành chính"},
	{"PV", "Sự phục vụ của công chức, viên chức"},
	{"KQ", "Kết quả giải quyết công việc"},
	{"TT", "Tiếp nhận và xử lý thông tin phản hồi"},
};

int plan_crit_index(const char *code)
{
	for (int i = 0; code != NULL && i < PLAN_NCRIT; i++)
		if (strcmp(code, crits[i].code) == 0)
			return i;
	return -1;
}

const char *plan_crit_code(int i)
{
	return i >= 0 && i < PLAN_NCRIT ? crits[i].code : "";
}

const char *plan_crit_name(int i)
{
	return i >= 0 && i < PLAN_NCRIT ? crits[i].name : "";
}

const char *plan_crit_roman(int i)
{
	static const char *const roman[PLAN_NCRIT] = {"I", "II", "III", "IV", "V"};

	return i >= 0 && i < PLAN_NCRIT ? roman[i] : "";
}

/* Schedules without a date; label NULL = needs the year (see below). */
static const struct {
	const char *code, *label;
} scheds[] = {
	{"thuong-xuyen", "Thường xuyên"},
	{"trong-nam", NULL},
	{"quy-1", NULL}, {"quy-2", NULL}, {"quy-3", NULL}, {"quy-4", NULL},
	{"thu-sau-hang-tuan", "Định kỳ thứ sáu hằng tuần"},
	{"khi-co-thay-doi", "Thực hiện ngay sau khi có sự thay đổi thông tin"},
	{"khi-tiep-nhan", "Khi tiếp nhận các phản ánh, kiến nghị của cá nhân, tổ chức"},
};

#define NSCHED ((int)(sizeof(scheds) / sizeof(scheds[0])))

static int sched_index(const char *s)
{
	for (int i = 0; s != NULL && i < NSCHED; i++)
		if (strcmp(s, scheds[i].code) == 0)
			return i;
	return -1;
}

const char *plan_schedule_code(int i)
{
	return i >= 0 && i < NSCHED ? scheds[i].code : NULL;
}

/* A schedule that is a day: exactly YYYY-MM-DD and a real day. */
static bool sched_day(const char *s, hl_day *day)
{
	return s != NULL && strlen(s) == 10 && hl_day_parse(s, day);
}

bool plan_schedule_ok(const char *s)
{
	hl_day d;

	return sched_index(s) >= 0 || sched_day(s, &d);
}

char *plan_schedule_label(const char *s, int year, char *buf, size_t size)
{
	static const char *const roman[] = {"I", "II", "III", "IV"};
	int i = sched_index(s);
	hl_day d;

	if (i >= 0 && scheds[i].label != NULL)
		snprintf(buf, size, "%s", scheds[i].label);
	else if (i >= 0 && strcmp(s, "trong-nam") == 0)
		snprintf(buf, size, year > 0 ? "Trong năm %d" : "Trong năm", year);
	else if (i >= 0)
		snprintf(buf, size, year > 0 ? "Quý %s/%d" : "Quý %s", roman[s[4] - '1'], year);
	else if (sched_day(s, &d))
		hl_day_vn(d, buf, size);
	else
		snprintf(buf, size, "%s", s != NULL ? s : "");
	return buf;
}

static const struct {
	const char *code, *label;
} statuses[] = {
	{"chua-bat-dau", "Chưa bắt đầu"},
	{"dang-thuc-hien", "Đang thực hiện"},
	{"hoan-thanh", "Hoàn thành"},
	{"qua-han", "Quá hạn"},
};

char *plan_period_label(const struct hl_period *p, char *buf, size_t size)
{
	hl_period_label(p, buf, size);
	if (buf[0] >= 'A' && buf[0] <= 'Z')
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

const char *plan_status_code(int i)
{
	return i >= 0 && (size_t)i < sizeof(statuses) / sizeof(statuses[0]) ? statuses[i].code : NULL;
}

bool plan_status_ok(const char *s)
{
	return plan_status_label(s)[0] != '\0';
}

const char *plan_status_label(const char *s)
{
	for (size_t i = 0; s != NULL && i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (strcmp(s, statuses[i].code) == 0)
			return statuses[i].label;
	return "";
}

/* ---- the built-in standard tasks: seed 003's appendix ---- */

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
	{"TC",
	 "Thiết lập hệ thống các kênh hỗ trợ, giải đáp trực tuyến",
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
	 "Trung tâm phục vụ hành chính công nghiên cứu, đề xuất.",
	 "trong-nam",
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
	 "thuong-xuyen",
	 "Các hồ sơ mẫu được bổ sung đầy đủ theo từng thủ tục hành chính."},
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

int plan_std_builtin(struct hl_arena *a, struct store_plan_std **out, size_t *n,
	struct hl_err *err)
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

/* ---- the suggestion ---- */

bool plan_below(const struct plan_value *v)
{
	return v->has_value && v->has_target &&
		hl_index_hundredths(v->value) < hl_index_hundredths(v->target);
}

/* Copy src into dst (size bytes) with every YEAR_MARK replaced by year. */
static void fill_year(char *dst, size_t size, const char *src, int year)
{
	size_t o = 0, mark = strlen(YEAR_MARK);

	while (*src != '\0' && o + 1 < size) {
		if (strncmp(src, YEAR_MARK, mark) == 0) {
			int k = snprintf(dst + o, size - o, "%d", year);

			o = k < 0 || (size_t)k >= size - o ? size - 1 : o + (size_t)k;
			src += mark;
			continue;
		}
		dst[o++] = *src++;
	}
	/* Cut inside a character: drop the part of it that was copied. */
	if (((unsigned char)*src & 0xC0) == 0x80) {
		while (o > 0 && ((unsigned char)dst[o - 1] & 0xC0) == 0x80)
			o--;
		if (o > 0)
			o--;
	}
	dst[o] = '\0';
}

int plan_suggest_from(const struct plan_value *v, int nv, const struct store_plan_std *std,
	size_t nstd, int year, struct hl_arena *a, struct store_plan_task **out, size_t *n,
	struct hl_err *err)
{
	size_t count = 0;
	struct store_plan_task *t;

	*out = NULL;
	*n = 0;
	for (int i = 0; i < nv; i++)
		for (size_t k = 0; plan_below(&v[i]) && k < nstd; k++)
			count += strcmp(std[k].criterion, v[i].criterion) == 0;
	if (count == 0)
		return HL_OK;
	t = hl_arena_alloc(a, count * sizeof(*t));
	if (t == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập đề xuất kế hoạch");
	for (int i = 0; i < nv; i++)
		for (size_t k = 0; plan_below(&v[i]) && k < nstd; k++) {
			struct store_plan_task *p = &t[*n];

			if (strcmp(std[k].criterion, v[i].criterion) != 0)
				continue;
			p->no = (int)++*n;
			p->year = year;
			snprintf(p->criterion, sizeof(p->criterion), "%s", v[i].criterion);
			p->has_value = p->has_target = true;
			p->value = v[i].value;
			p->target = v[i].target;
			fill_year(p->task, sizeof(p->task), std[k].task, year);
			fill_year(p->responsible, sizeof(p->responsible), std[k].responsible, year);
			snprintf(p->schedule, sizeof(p->schedule), "%s", std[k].schedule);
			fill_year(p->expected, sizeof(p->expected), std[k].expected, year);
			snprintf(p->status, sizeof(p->status), "chua-bat-dau");
		}
	*out = t;
	return HL_OK;
}

/* ---- with the store ---- */

static void rollback(struct store *st)
{
	struct hl_err ignored;

	store_rollback(st, &ignored);
}

/* One audited change: fn(st, ctx, err), then the audit entry, in one
 * transaction — its own, or the caller's when held (the server's writer,
 * which undoes a failure). */
static int audited(struct store *st, bool held, int (*fn)(struct store *, void *, struct hl_err *),
	void *ctx, const char *who, const char *action, const char *detail, struct hl_err *err)
{
	int rc = held ? HL_OK : store_begin(st, err);

	if (rc != HL_OK)
		return rc;
	rc = fn(st, ctx, err);
	if (rc == HL_OK)
		rc = STORE(st, audit, who, action, detail, err);
	if (held)
		return rc;
	if (rc == HL_OK)
		return store_commit(st, err);
	rollback(st);
	return rc;
}

int plan_std_get(struct store *st, struct hl_arena *a, struct store_plan_std **out, size_t *n,
	bool *builtin, struct hl_err *err)
{
	int rc = STORE(st, plan_std_list, a, out, n, err);

	if (rc != HL_OK)
		return rc;
	if (builtin != NULL)
		*builtin = *n == 0;
	return *n > 0 ? HL_OK : plan_std_builtin(a, out, n, err);
}

struct std_write {
	const struct store_plan_std *t;
	size_t n;
};

static int std_replace(struct store *st, void *ctx, struct hl_err *err)
{
	const struct std_write *w = ctx;

	return STORE(st, plan_std_replace, w->t, w->n, err);
}

/* Text given on the command line or in a file, NFC into dst; false if too long. */
static bool nfc_into(const char *s, char *dst, size_t size)
{
	return ingest_nfc(s, dst, size) >= 0;
}

int plan_std_set(struct store *st, const char *criterion, int no, const char *task,
	const char *responsible, const char *schedule, const char *expected, const char *who,
	struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(ARENA_CAP);
	struct store_plan_std *t = NULL, *hit = NULL;
	struct std_write w;
	size_t n = 0;
	int rc, seen = 0;
	char detail[128];
	const char *const given[] = {task, responsible, expected};

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sửa nhiệm vụ mẫu");
	if (plan_crit_index(criterion) < 0) {
		rc = hl_err_set(err, HL_EINVAL, "--criterion", "tiêu chí '%s' không có nhiệm vụ mẫu: "
			"dùng TC, HC, PV, KQ hoặc TT", criterion != NULL ? criterion : "");
		goto cleanup;
	}
	if (schedule != NULL && !plan_schedule_ok(schedule)) {
		rc = hl_err_set(err, HL_EINVAL, "--schedule", "tiến độ '%s' không hợp lệ: dùng "
			"thuong-xuyen, trong-nam, quy-1 … quy-4, thu-sau-hang-tuan, khi-co-thay-doi, "
			"khi-tiep-nhan hoặc một ngày YYYY-MM-DD", schedule);
		goto cleanup;
	}
	for (size_t i = 0; i < sizeof(given) / sizeof(given[0]); i++)
		if (given[i] != NULL && (given[i][0] == '\0' ||
		    !hl_utf8_valid(given[i], strlen(given[i]), NULL))) {
			rc = hl_err_set(err, HL_EINVAL, HL_HERE, "nội dung, trách nhiệm và kết quả không "
				"được để trống và phải là văn bản UTF-8");
			goto cleanup;
		}
	rc = plan_std_get(st, a, &t, &n, NULL, err);
	if (rc != HL_OK)
		goto cleanup;
	for (size_t i = 0; i < n && hit == NULL; i++)
		if (strcmp(t[i].criterion, criterion) == 0 && ++seen == no)
			hit = &t[i];
	if (hit == NULL) {
		rc = hl_err_set(err, HL_ENOTFOUND, "--no", "tiêu chí %s không có nhiệm vụ mẫu số %d "
			"(xem: hailong plan tasks --criterion %s)", criterion, no, criterion);
		goto cleanup;
	}
	if ((task != NULL && !nfc_into(task, hit->task, sizeof(hit->task))) ||
	    (responsible != NULL && !nfc_into(responsible, hit->responsible, sizeof(hit->responsible))) ||
	    (expected != NULL && !nfc_into(expected, hit->expected, sizeof(hit->expected)))) {
		rc = hl_err_set(err, HL_ELIMIT, HL_HERE, "văn bản quá dài: tối đa %d byte mỗi ô",
			STORE_PLAN_TEXT_MAX - 1);
		goto cleanup;
	}
	if (schedule != NULL)
		snprintf(hit->schedule, sizeof(hit->schedule), "%s", schedule);
	w.t = t;
	w.n = n;
	snprintf(detail, sizeof(detail), "nhiệm vụ mẫu %s số %d", criterion, no);
	rc = audited(st, false, std_replace, &w, who, "plan.tasks.set", detail, err);
cleanup:
	hl_arena_free(a);
	return rc;
}

int plan_std_reset(struct store *st, const char *who, struct hl_err *err)
{
	struct std_write w = {NULL, 0};

	return audited(st, false, std_replace, &w, who, "plan.tasks.reset",
		"trở lại nhiệm vụ mẫu có sẵn (phụ lục kế hoạch mẫu)", err);
}

/* ---- CSV import (standard tasks and plans) ---- */

enum pcol { C_NO, C_CRIT, C_VALUE, C_TARGET, C_TASK, C_RESP, C_SCHED, C_EXPECTED, C_STATUS, C_N };

static const char *const col_name[C_N] = {
	"no", "criterion", "value", "target", "task", "responsible", "schedule", "expected", "status",
};

struct pimp {
	struct import_report *rep;
	struct csvr *r;
	struct csvr_record rec;
	int col[C_N];            /* index in the record, -1 = absent */
};

/* Read the header: the columns in need must be there, those in may can be,
 * nothing else. HL_EINVAL (with problems) when it is not so. */
static int read_header(struct pimp *im, unsigned need, unsigned may, struct hl_err *err)
{
	int rc = csvr_next(im->r, &im->rec, err);

	for (int c = 0; c < C_N; c++)
		im->col[c] = -1;
	if (rc < 0)
		return rc;
	if (rc == 0) {
		import_add_problem(im->rep, 1, "", "tệp trống: cần dòng tiêu đề");
		return HL_EINVAL;
	}
	for (int i = 0; i < im->rec.ncells; i++) {
		int c = 0;

		while (c < C_N && strcmp(col_name[c], im->rec.cells[i]) != 0)
			c++;
		if (c == C_N || !((need | may) & (1u << c)))
			import_add_problem(im->rep, 1, im->rec.cells[i], "cột không có trong định dạng");
		else if (im->col[c] >= 0)
			import_add_problem(im->rep, 1, col_name[c], "cột lặp lại");
		else
			im->col[c] = i;
	}
	for (int c = 0; c < C_N; c++)
		if ((need & (1u << c)) && im->col[c] < 0)
			import_add_problem(im->rep, 1, col_name[c], "thiếu cột");
	return im->rep->nproblems > 0 ? HL_EINVAL : HL_OK;
}

static const char *cell(const struct pimp *im, enum pcol c)
{
	int i = im->col[c];

	return i >= 0 && i < im->rec.ncells ? im->rec.cells[i] : "";
}

/* A required text cell, NFC, into dst; false with a problem. A plan
 * exported by hailong comes back without the formula guard of its cells. */
static bool text_cell(struct pimp *im, enum pcol c, char *dst, size_t size)
{
	const char *s = csvout_unguard(cell(im, c));

	if (s[0] == '\0') {
		import_add_problem(im->rep, im->rec.line, col_name[c], "thiếu giá trị");
		return false;
	}
	if (!nfc_into(s, dst, size)) {
		import_add_problem(im->rep, im->rec.line, col_name[c], "dài %zu byte, tối đa %zu byte", strlen(s),
			size - 1);
		return false;
	}
	return true;
}

/* The columns every row has: criterion, task, responsible, schedule, expected. */
static bool common_cells(struct pimp *im, char *crit, size_t crit_size, char *task, char *resp,
	char *sched, size_t sched_size, char *expected)
{
	const char *c = cell(im, C_CRIT), *s = cell(im, C_SCHED);
	bool ok = true;

	if (plan_crit_index(c) < 0) {
		import_add_problem(im->rep, im->rec.line, "criterion", "tiêu chí '%s' không hợp lệ: dùng TC, HC, "
			"PV, KQ hoặc TT", c);
		ok = false;
	} else {
		snprintf(crit, crit_size, "%s", c);
	}
	if (!plan_schedule_ok(s)) {
		import_add_problem(im->rep, im->rec.line, "schedule", "tiến độ '%s' không hợp lệ: dùng "
			"thuong-xuyen, trong-nam, quy-1 … quy-4, thu-sau-hang-tuan, khi-co-thay-doi, "
			"khi-tiep-nhan hoặc một ngày có thật dạng YYYY-MM-DD", s);
		ok = false;
	} else {
		snprintf(sched, sched_size, "%s", s);
	}
	ok &= text_cell(im, C_TASK, task, STORE_PLAN_TEXT_MAX);
	ok &= text_cell(im, C_RESP, resp, STORE_PLAN_TEXT_MAX);
	ok &= text_cell(im, C_EXPECTED, expected, STORE_PLAN_TEXT_MAX);
	return ok;
}

/* An optional figure 0–100 ("" = none); false with a problem. */
static bool num_cell(struct pimp *im, enum pcol c, bool *have, double *v)
{
	const char *s = cell(im, c);

	*have = s[0] != '\0';
	if (!*have)
		return true;
	if (hl_parse_decimal(s, 0, 100, v))
		return true;
	import_add_problem(im->rep, im->rec.line, col_name[c], "'%s' không phải một số từ 0 đến 100", s);
	return false;
}

/* The next data record: 1, 0 at the end, or a negative status; records
 * the reader flags and rows past PLAN_MAX_TASKS are problems (returns 1 with
 * *usable false). */
static int next_row(struct pimp *im, size_t nrows, bool *usable, struct hl_err *err)
{
	int rc = csvr_next(im->r, &im->rec, err);

	*usable = false;
	if (rc <= 0)
		return rc;
	im->rep->rows++;
	if (im->rec.problem != NULL) {
		import_add_problem(im->rep, im->rec.line, "", "%s", im->rec.problem);
		return 1;
	}
	if (nrows >= PLAN_MAX_TASKS) {
		if (nrows == PLAN_MAX_TASKS)
			import_add_problem(im->rep, im->rec.line, "", "quá %d nhiệm vụ trong một tệp",
				PLAN_MAX_TASKS);
		return 1;
	}
	*usable = true;
	return 1;
}

static int open_import(struct pimp *im, FILE *f, const char *name, struct import_report *rep,
	struct hl_err *err)
{
	memset(rep, 0, sizeof(*rep));
	memset(im, 0, sizeof(*im));
	im->rep = rep;
	return csvr_open(f, name != NULL ? name : "tệp", &im->r, err);
}

/* The outcome of a read file: HL_EINVAL with a summary when rows had problems. */
static int rejected(const struct import_report *rep, const char *name, struct hl_err *err)
{
	return hl_err_set(err, HL_EINVAL, name != NULL ? name : "", "tệp %s có %ld lỗi: không "
		"nhập dòng nào", name != NULL ? name : "", rep->nproblems);
}

int plan_std_import(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	const char *name = o->name, *who = o->who;
	const unsigned need = 1u << C_CRIT | 1u << C_TASK | 1u << C_RESP | 1u << C_SCHED |
		1u << C_EXPECTED;
	struct hl_arena *a = hl_arena_new(ARENA_CAP);
	struct store_plan_std *t = NULL;
	struct std_write w;
	struct pimp im;
	size_t n = 0;
	char detail[128];
	bool usable;
	int rc;

	rc = open_import(&im, f, name, rep, err);
	if (rc == HL_OK && a == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nhập nhiệm vụ mẫu");
	if (rc == HL_OK)
		rc = read_header(&im, need, 0, err);
	if (rc == HL_OK && (t = hl_arena_alloc(a, PLAN_MAX_TASKS * sizeof(*t))) == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nhập nhiệm vụ mẫu");
	while (rc == HL_OK && (rc = next_row(&im, n, &usable, err)) == 1) {
		struct store_plan_std *p = &t[n];

		rc = HL_OK;
		if (!usable || !common_cells(&im, p->criterion, sizeof(p->criterion), p->task,
		    p->responsible, p->schedule, sizeof(p->schedule), p->expected))
			continue;
		p->seq = (int)++n;
	}
	if (rc == HL_OK && rep->nproblems == 0 && rep->rows == 0)
		import_add_problem(rep, 2, "", "tệp không có nhiệm vụ nào (muốn trở lại nhiệm vụ mẫu có sẵn: "
			"hailong plan tasks reset)");
	if (rc == HL_OK && rep->nproblems > 0)
		rc = HL_EINVAL;
	if (rc == HL_EINVAL && rep->nproblems > 0) {
		rc = rejected(rep, name, err);
		goto cleanup;
	}
	if (rc != HL_OK)
		goto cleanup;
	w.t = t;
	w.n = n;
	snprintf(detail, sizeof(detail), "%s: %zu nhiệm vụ mẫu", name != NULL ? name : "", n);
	rc = audited(st, false, std_replace, &w, who, "plan.tasks.import", detail, err);
	if (rc == HL_OK)
		rep->added = (long)n;
cleanup:
	csvr_free(im.r);
	hl_arena_free(a);
	return rc;
}

/* ---- a unit's plan ---- */

/* The unit of code and its parent (NULL at the top), in p. */
static int find_unit(struct store *st, struct hl_arena *a, const char *code, struct plan_doc *p,
	struct hl_err *err)
{
	struct store_unit *u = NULL;
	size_t n = 0;
	int rc = STORE(st, unit_get, code != NULL ? code : "", &p->unit, err);

	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, "--unit", "đơn vị '%s' không tồn tại (xem: "
			"hailong units list)", code != NULL ? code : "");
	if (rc == HL_OK && p->unit.parent_id != 0)
		rc = STORE(st, unit_list, a, &u, &n, err);
	for (size_t i = 0; rc == HL_OK && i < n; i++)
		if (u[i].id == p->unit.parent_id)
			p->parent = &u[i];
	return rc;
}

static struct plan_doc *new_doc(struct hl_arena *a, int year, struct hl_err *err)
{
	struct plan_doc *p = hl_arena_alloc(a, sizeof(*p));

	if (p == NULL)
		hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc kế hoạch");
	else
		p->year = year;
	return p;
}

int plan_suggest(struct store *st, struct hl_arena *a, const char *unit, int year,
	const struct hl_period *base, struct plan_doc **out, struct hl_err *err)
{
	struct plan_doc *p = new_doc(a, year, err);
	struct iq_opts o = {0};
	struct iq_result *res = NULL;
	const struct iq_unit *iu = NULL;
	struct store_target *targets = NULL;
	struct store_plan_std *std = NULL;
	size_t ntargets = 0, nstd = 0;
	char y[16];
	int rc;

	*out = NULL;
	if (p == NULL)
		return HL_ENOMEM;
	rc = find_unit(st, a, unit, p, err);
	if (rc != HL_OK)
		return rc;
	snprintf(y, sizeof(y), "%d", year - 1);
	if (base != NULL)
		p->base = *base;
	else if ((rc = hl_period_parse(y, &p->base, err)) != HL_OK)
		return rc;
	o.period = p->base;
	o.unit = unit;
	rc = iq_run(st, a, &o, &res, err);
	for (size_t i = 0; rc == HL_OK && i < res->nunits; i++)
		if (res->units[i].unit.id == p->unit.id)
			iu = &res->units[i];
	if (rc == HL_OK)
		rc = STORE(st, target_list, year, a, &targets, &ntargets, err);
	if (rc != HL_OK)
		return rc;
	for (int i = 0; i < PLAN_NCRIT; i++) {
		struct plan_value *v = &p->v[i];

		v->criterion = crits[i].code;
		for (int k = 0; iu != NULL && k < res->ncrit; k++)
			if (strcmp(res->crit_code[k], v->criterion) == 0 && iu->idx.cell[k].cur.valid) {
				v->has_value = true;
				v->value = iu->idx.cell[k].cur.value;
			}
		v->has_target = iq_target(targets, ntargets, &p->unit, v->criterion, &v->target);
		p->any_target |= v->has_target;
	}
	rc = plan_std_get(st, a, &std, &nstd, NULL, err);
	if (rc == HL_OK)
		rc = plan_suggest_from(p->v, PLAN_NCRIT, std, nstd, year, a, &p->tasks, &p->ntasks, err);
	if (rc == HL_OK)
		*out = p;
	return rc;
}

int plan_load(struct store *st, struct hl_arena *a, const char *unit, int year,
	struct plan_doc **out, struct hl_err *err)
{
	struct plan_doc *p = new_doc(a, year, err);
	int rc;

	*out = NULL;
	if (p == NULL)
		return HL_ENOMEM;
	rc = find_unit(st, a, unit, p, err);
	if (rc == HL_OK)
		rc = STORE(st, plan_task_list, p->unit.id, year, a, &p->tasks, &p->ntasks, err);
	if (rc == HL_OK)
		rc = STORE(st, plan_note_list, p->unit.id, year, a, &p->notes, &p->nnotes, err);
	if (rc == HL_OK)
		*out = p;
	return rc;
}

struct plan_write {
	const struct plan_doc *p;
	struct store_plan_task *t;
	size_t n;
	bool replace;
};

/* Replace the plan of (unit, year), refusing when one exists unless replace. */
static int plan_write_tx(struct store *st, void *ctx, struct hl_err *err)
{
	struct plan_write *w = ctx;
	struct hl_arena *a = hl_arena_new((size_t)16 * 1024 * 1024);
	struct store_plan_task *old = NULL;
	size_t nold = 0;
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lưu kế hoạch");
	rc = STORE(st, plan_task_list, w->p->unit.id, w->p->year, a, &old, &nold, err);
	if (rc == HL_OK && nold > 0 && !w->replace)
		rc = hl_err_set(err, HL_EEXIST, "--replace", "đơn vị %s đã có kế hoạch năm %d (%zu "
			"nhiệm vụ): thêm --replace để thay kế hoạch đó", w->p->unit.code, w->p->year, nold);
	if (rc == HL_OK)
		rc = STORE(st, plan_replace, w->p->unit.id, w->p->year, w->t, w->n, err);
	hl_arena_free(a);
	return rc;
}

static int adopt(struct store *st, bool held, const char *unit, int year,
	const struct hl_period *base, bool replace, const char *who, size_t *ntasks,
	struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new((size_t)1 << 30);
	struct plan_doc *p = NULL;
	struct plan_write w = {0};
	char detail[256], bp[48];
	int rc;

	*ntasks = 0;
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập kế hoạch");
	rc = plan_suggest(st, a, unit, year, base, &p, err);
	if (rc != HL_OK)
		goto cleanup;
	plan_period_label(&p->base, bp, sizeof(bp));
	if (p->ntasks == 0) {
		if (!p->any_target)
			rc = hl_err_set(err, HL_EINVAL, "--year", "đơn vị %s chưa có chỉ tiêu năm %d: đặt "
				"chỉ tiêu trước (hailong targets set --year %d ...) rồi lập kế hoạch",
				p->unit.code, year, year);
		else
			rc = hl_err_set(err, HL_EINVAL, "--year", "không tiêu chí nào của đơn vị %s dưới "
				"chỉ tiêu năm %d (so với %s): không có nhiệm vụ nào để đưa vào kế hoạch",
				p->unit.code, year, bp);
		goto cleanup;
	}
	w.p = p;
	w.t = p->tasks;
	w.n = p->ntasks;
	w.replace = replace;
	snprintf(detail, sizeof(detail), "đơn vị %s, năm %d: %zu nhiệm vụ theo đề xuất (so với %s)%s",
		p->unit.code, year, p->ntasks, bp, replace ? ", thay kế hoạch cũ" : "");
	rc = audited(st, held, plan_write_tx, &w, who, "plan.adopt", detail, err);
	if (rc == HL_OK)
		*ntasks = p->ntasks;
cleanup:
	hl_arena_free(a);
	return rc;
}

int plan_adopt(struct store *st, const char *unit, int year, const struct hl_period *base,
	bool replace, const char *who, size_t *ntasks, struct hl_err *err)
{
	return adopt(st, false, unit, year, base, replace, who, ntasks, err);
}

int plan_adopt_in(struct store *st, const char *unit, int year, const struct hl_period *base,
	bool replace, const char *who, size_t *ntasks, struct hl_err *err)
{
	return adopt(st, true, unit, year, base, replace, who, ntasks, err);
}

/* A text typed for a task, NFC, into dst; HL_EINVAL naming field. */
static int task_text(const char *s, const char *field, const char *label, bool required,
	char *dst, size_t size, struct hl_err *err)
{
	if (s == NULL)
		s = "";
	if (required && s[strspn(s, " ")] == '\0')
		return hl_err_set(err, HL_EINVAL, field, "hãy nhập %s", label);
	if (!hl_utf8_valid(s, strlen(s), NULL) || !nfc_into(s, dst, size))
		return hl_err_set(err, HL_EINVAL, field, "%s phải là văn bản, tối đa %zu byte", label,
			size - 1);
	return HL_OK;
}

int plan_task_put_in(struct store *st, const char *unit, int year,
	const struct plan_task_in *in, const char *who, int *no, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new((size_t)64 * 1024 * 1024);
	struct store_plan_task *t = NULL;
	struct plan_doc *p = NULL;
	char detail[256];
	int rc = HL_OK;

	if (a == NULL || (t = hl_arena_alloc(a, sizeof(*t))) == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lưu nhiệm vụ");
		goto cleanup;
	}
	memset(t, 0, sizeof(*t));
	if (plan_crit_index(in->criterion) < 0)
		rc = hl_err_set(err, HL_EINVAL, "criterion", "chọn tiêu chí của nhiệm vụ (TC, HC, PV, "
			"KQ hoặc TT)");
	else if (in->schedule == NULL || !plan_schedule_ok(in->schedule))
		rc = hl_err_set(err, HL_EINVAL, "schedule", "tiến độ '%s' không hợp lệ",
			in->schedule != NULL ? in->schedule : "");
	if (rc == HL_OK)
		rc = task_text(in->task, "task", "nội dung công việc", true, t->task,
			sizeof(t->task), err);
	if (rc == HL_OK)
		rc = task_text(in->responsible, "responsible", "trách nhiệm thực hiện", false,
			t->responsible, sizeof(t->responsible), err);
	if (rc == HL_OK)
		rc = task_text(in->expected, "expected", "kết quả", false, t->expected,
			sizeof(t->expected), err);
	if (rc == HL_OK)
		rc = plan_load(st, a, unit, year, &p, err);
	if (rc != HL_OK)
		goto cleanup;
	if (in->no != 0) {
		for (size_t i = 0; i < p->ntasks && t->id == 0; i++)
			if (p->tasks[i].no == in->no) {
				memcpy(t->status, p->tasks[i].status, sizeof(t->status));
				t->id = p->tasks[i].id;
			}
		if (t->id == 0) {
			rc = hl_err_set(err, HL_ENOTFOUND, "task", "kế hoạch năm %d của %s không có "
				"nhiệm vụ số %d", year, p->unit.name, in->no);
			goto cleanup;
		}
		t->no = in->no;
	} else if (p->ntasks >= PLAN_MAX_TASKS) {
		rc = hl_err_set(err, HL_ELIMIT, "task", "kế hoạch đã có %d nhiệm vụ, tối đa",
			PLAN_MAX_TASKS);
		goto cleanup;
	} else {
		t->no = p->ntasks > 0 ? p->tasks[p->ntasks - 1].no + 1 : 1;
		snprintf(t->status, sizeof(t->status), "chua-bat-dau");
	}
	t->unit_id = p->unit.id;
	t->year = year;
	snprintf(t->criterion, sizeof(t->criterion), "%s", in->criterion);
	snprintf(t->schedule, sizeof(t->schedule), "%s", in->schedule);
	snprintf(detail, sizeof(detail), "đơn vị %s, năm %d, nhiệm vụ %d (%s): %.120s",
		p->unit.code, year, t->no, t->criterion, t->task);
	rc = STORE(st, plan_task_put, t, err);
	if (rc == HL_OK)
		rc = STORE(st, audit, who, in->no != 0 ? "plan.edit" : "plan.add", detail, err);
	if (rc == HL_OK && no != NULL)
		*no = t->no;
cleanup:
	hl_arena_free(a);
	return rc;
}

int plan_import(struct store *st, FILE *f, const struct import_opts *o, const char *unit,
	int year, struct import_report *rep, struct hl_err *err)
{
	const char *name = o->name, *who = o->who;
	const unsigned need = 1u << C_CRIT | 1u << C_VALUE | 1u << C_TARGET | 1u << C_TASK |
		1u << C_RESP | 1u << C_SCHED | 1u << C_EXPECTED | 1u << C_STATUS;
	struct hl_arena *a = hl_arena_new(ARENA_CAP);
	struct store_plan_task *t = NULL;
	struct plan_write w = {0};
	struct plan_doc *p = NULL;
	struct pimp im;
	size_t n = 0;
	char detail[256];
	bool usable;
	int rc;

	memset(&im, 0, sizeof(im));
	memset(rep, 0, sizeof(*rep));
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nhập kế hoạch");
	p = new_doc(a, year, err);
	rc = p == NULL ? HL_ENOMEM : find_unit(st, a, unit, p, err);
	if (rc == HL_OK)
		rc = open_import(&im, f, name, rep, err);
	if (rc == HL_OK)
		rc = read_header(&im, need, 1u << C_NO, err);
	if (rc == HL_OK && (t = hl_arena_alloc(a, PLAN_MAX_TASKS * sizeof(*t))) == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nhập kế hoạch");
	while (rc == HL_OK && (rc = next_row(&im, n, &usable, err)) == 1) {
		struct store_plan_task *q = &t[n];
		const char *status = cell(&im, C_STATUS);
		bool ok;

		rc = HL_OK;
		if (!usable)
			continue;
		ok = common_cells(&im, q->criterion, sizeof(q->criterion), q->task, q->responsible,
			q->schedule, sizeof(q->schedule), q->expected);
		ok &= num_cell(&im, C_VALUE, &q->has_value, &q->value);
		ok &= num_cell(&im, C_TARGET, &q->has_target, &q->target);
		if (!plan_status_ok(status)) {
			import_add_problem(rep, im.rec.line, "status", "tình trạng '%s' không hợp lệ: dùng "
				"chua-bat-dau, dang-thuc-hien, hoan-thanh hoặc qua-han", status);
			ok = false;
		} else {
			snprintf(q->status, sizeof(q->status), "%s", status);
		}
		if (ok)
			q->no = (int)++n;
	}
	if (rc == HL_OK && rep->nproblems == 0 && rep->rows == 0)
		import_add_problem(rep, 2, "", "tệp không có nhiệm vụ nào");
	if (rc == HL_OK && rep->nproblems > 0)
		rc = HL_EINVAL;
	if (rc == HL_EINVAL && rep->nproblems > 0) {
		rc = rejected(rep, name, err);
		goto cleanup;
	}
	if (rc != HL_OK)
		goto cleanup;
	w.p = p;
	w.t = t;
	w.n = n;
	w.replace = true;
	snprintf(detail, sizeof(detail), "đơn vị %s, năm %d: %zu nhiệm vụ từ %s", p->unit.code, year,
		n, name != NULL ? name : "tệp");
	rc = audited(st, o->held, plan_write_tx, &w, who, "plan.import", detail, err);
	if (rc == HL_OK)
		rep->added = (long)n;
cleanup:
	csvr_free(im.r);
	hl_arena_free(a);
	return rc;
}

struct status_write {
	int64_t task_id;
	struct store_plan_note note;
};

int plan_set_status_in(struct store *st, const char *unit, int year, int no, const char *status,
	const char *text, hl_day day, const char *who, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new((size_t)64 * 1024 * 1024);
	struct plan_doc *p = NULL;
	struct status_write *w = NULL;
	char detail[256], d[16];
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi cập nhật kế hoạch");
	if (!plan_status_ok(status)) {
		rc = hl_err_set(err, HL_EINVAL, "status", "tình trạng '%s' không hợp lệ: dùng "
			"chua-bat-dau, dang-thuc-hien, hoan-thanh hoặc qua-han", status != NULL ? status : "");
		goto cleanup;
	}
	if (day == HL_DAY_NONE) {
		rc = hl_err_set(err, HL_EINVAL, "at", "cần ngày ghi nhận tiến độ (YYYY-MM-DD)");
		goto cleanup;
	}
	w = hl_arena_alloc(a, sizeof(*w));
	if (w == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi cập nhật kế hoạch");
		goto cleanup;
	}
	if (text != NULL && (!hl_utf8_valid(text, strlen(text), NULL) ||
	    !nfc_into(text, w->note.text, sizeof(w->note.text)))) {
		rc = hl_err_set(err, HL_EINVAL, "note", "ghi chú phải là văn bản UTF-8, tối đa %d byte",
			STORE_PLAN_NOTE_MAX - 1);
		goto cleanup;
	}
	rc = plan_load(st, a, unit, year, &p, err);
	if (rc != HL_OK)
		goto cleanup;
	if (p->ntasks == 0) {
		rc = hl_err_set(err, HL_ENOTFOUND, "year", "đơn vị %s chưa có kế hoạch năm %d (lập "
			"bằng hailong plan adopt hoặc hailong plan import)", p->unit.code, year);
		goto cleanup;
	}
	for (size_t i = 0; i < p->ntasks && w->task_id == 0; i++)
		if (p->tasks[i].no == no)
			w->task_id = p->tasks[i].id;
	if (w->task_id == 0) {
		rc = hl_err_set(err, HL_ENOTFOUND, "task", "kế hoạch năm %d của đơn vị %s không có "
			"nhiệm vụ số %d (có nhiệm vụ 1–%d)", year, p->unit.code, no,
			p->tasks[p->ntasks - 1].no);
		goto cleanup;
	}
	w->note.day = day;
	snprintf(w->note.status, sizeof(w->note.status), "%s", status);
	snprintf(w->note.who, sizeof(w->note.who), "%s", who != NULL ? who : "");
	snprintf(detail, sizeof(detail), "đơn vị %s, năm %d, nhiệm vụ %d: %s (ngày %s)",
		p->unit.code, year, no, status, hl_day_iso(day, d, sizeof(d)));
	rc = STORE(st, plan_task_status, w->task_id, &w->note, err);
	if (rc == HL_OK)
		rc = STORE(st, audit, who, "plan.set-status", detail, err);
cleanup:
	hl_arena_free(a);
	return rc;
}

int plan_set_status(struct store *st, const char *unit, int year, int no, const char *status,
	const char *text, hl_day day, const char *who, struct hl_err *err)
{
	int rc = store_begin(st, err);

	if (rc != HL_OK)
		return rc;
	rc = plan_set_status_in(st, unit, year, no, status, text, day, who, err);
	if (rc == HL_OK)
		return store_commit(st, err);
	rollback(st);
	return rc;
}

/* ---- text for the documents and pages ---- */

/* The latest note of task no (notes are by task number, then day). */
const struct store_plan_note *plan_last_note(const struct plan_doc *p, int no)
{
	const struct store_plan_note *hit = NULL;

	for (size_t i = 0; i < p->nnotes; i++)
		if (p->notes[i].no == no)
			hit = &p->notes[i];
	return hit;
}

/* "Đang thực hiện (05/03/2025: đã lắp màn hình)"; "" before any work. */
const char *plan_progress(struct hl_arena *a, const struct plan_doc *p,
	const struct store_plan_task *t)
{
	const struct store_plan_note *n = plan_last_note(p, t->no);
	char d[16];

	if (strcmp(t->status, "chua-bat-dau") == 0 && n == NULL)
		return "";
	if (n == NULL)
		return plan_status_label(t->status);
	hl_day_vn(n->day, d, sizeof(d));
	return hl_arena_printf(a, "%s (%s%s%s)", plan_status_label(t->status), d,
		n->text[0] != '\0' ? ": " : "", n->text);
}

/* "I. Tiếp cận dịch vụ (TC)" */
const char *plan_group_title(struct hl_arena *a, int c)
{
	return hl_arena_printf(a, "%s. %s (%s)", plan_crit_roman(c), plan_crit_name(c), plan_crit_code(c));
}

/* The criterion's value and target when the plan was made, if known. */
const char *plan_group_figures(struct hl_arena *a, const struct plan_doc *p, int c)
{
	char v[32], t[32];

	for (size_t i = 0; i < p->ntasks; i++) {
		const struct store_plan_task *k = &p->tasks[i];

		if (strcmp(k->criterion, plan_crit_code(c)) != 0 || !k->has_value || !k->has_target)
			continue;
		return hl_arena_printf(a, "Chỉ số khi lập kế hoạch: %s; chỉ tiêu năm %d: %s",
			hl_fmt_dec(v, sizeof(v), k->value, 2), p->year,
			hl_fmt_dec(t, sizeof(t), k->target, 2));
	}
	return "";
}

/* "Nâng cao mức độ hài lòng … của UBND phường Vĩnh Thọ năm 2025" */
const char *plan_title(struct hl_arena *a, const struct plan_doc *p)
{
	return hl_arena_printf(a, "Nâng cao mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ "
		"của %s năm %d", p->unit.name, p->year);
}

/* ---- CSV output ---- */

static void text_cells(FILE *f, const char *task, const char *resp, const char *sched,
	const char *expected)
{
	const char *const cells[] = {task, resp, sched, expected};

	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		fputc(',', f);
		csvout_cell(f, cells[i]);
	}
}

void plan_csv_suggest(FILE *f, const struct plan_doc *p)
{
	fputs(PLAN_SUGGEST_HEADER "\n", f);
	for (size_t i = 0; i < p->ntasks; i++) {
		const struct store_plan_task *t = &p->tasks[i];

		csvout_cell(f, t->criterion);
		csvout_num(f, t->has_value, t->value);
		csvout_num(f, t->has_target, t->target);
		text_cells(f, t->task, t->responsible, t->schedule, t->expected);
		fputc('\n', f);
	}
}

void plan_csv_show(FILE *f, const struct plan_doc *p)
{
	fputs(PLAN_SHOW_HEADER "\n", f);
	for (size_t i = 0; i < p->ntasks; i++) {
		const struct store_plan_task *t = &p->tasks[i];

		fprintf(f, "%d,", t->no);
		csvout_cell(f, t->criterion);
		csvout_num(f, t->has_value, t->value);
		csvout_num(f, t->has_target, t->target);
		text_cells(f, t->task, t->responsible, t->schedule, t->expected);
		fputc(',', f);
		csvout_cell(f, t->status);
		fputc('\n', f);
	}
}

void plan_csv_std(FILE *f, const struct store_plan_std *t, size_t n)
{
	fputs(PLAN_STD_HEADER "\n", f);
	for (size_t i = 0; i < n; i++) {
		csvout_cell(f, t[i].criterion);
		text_cells(f, t[i].task, t[i].responsible, t[i].schedule, t[i].expected);
		fputc('\n', f);
	}
}
