"""Papers of the certification procedures: multi-page contracts, powers of attorney,
commitment letters and the certification request form, each in several layouts.

Later pages of a contract carry no title; some carry a page number, some do not;
the signature block (and the certifier's attestation) is on the last page.
"""

from __future__ import annotations

import datetime as dt
import random

from synth.forms import Line, SynthDocument, _Doc
from synth.people import Person, address
from synth.render import BODY, SIGNATURE, SUBTITLE, TITLE, LineStyle

_BOLD_LEFT = LineStyle(size_pt=13.0, bold=True, space_before_pt=8.0)
_CENTRE_SMALL = LineStyle(size_pt=11.0, align=TITLE.align)

# (title, type key, object clause): what a desk certifies most.
CONTRACTS: tuple[tuple[str, str, str], ...] = (
    ("HỢP ĐỒNG CHUYỂN NHƯỢNG QUYỀN SỬ DỤNG ĐẤT", "du_thao_hop_dong",
     "Quyền sử dụng đất thửa đất số {n}, tờ bản đồ số {m}, diện tích {a} m²"),
    ("HỢP ĐỒNG TẶNG CHO QUYỀN SỬ DỤNG ĐẤT", "du_thao_hop_dong",
     "Quyền sử dụng đất thửa đất số {n}, tờ bản đồ số {m}, diện tích {a} m²"),
    ("HỢP ĐỒNG MUA BÁN XE", "du_thao_hop_dong",
     "Xe mô tô nhãn hiệu Honda, biển số {m}-B1 {n}{a}, số máy {n}{m}{a}"),
    ("HỢP ĐỒNG THẾ CHẤP TÀI SẢN", "du_thao_hop_dong",
     "Nhà ở và quyền sử dụng đất tại thửa số {n}, tờ bản đồ số {m}"),
    ("HỢP ĐỒNG ỦY QUYỀN", "uy_quyen",
     "Bên A ủy quyền cho Bên B quản lý, sử dụng thửa đất số {n}, tờ bản đồ số {m}"),
    ("HỢP ĐỒNG THUÊ NHÀ Ở", "giay_to_cho_o",
     "Căn nhà tại {addr}, diện tích sử dụng {a} m²"),
)

_ARTICLES = (
    ("GIÁ VÀ PHƯƠNG THỨC THANH TOÁN",
     "Giá trị tài sản nêu tại Điều 1 do hai bên thỏa thuận là {price} đồng. Việc thanh toán "
     "số tiền nêu trên do hai bên tự thực hiện và chịu trách nhiệm trước pháp luật."),
    ("THỜI HẠN VÀ PHƯƠNG THỨC GIAO NHẬN",
     "Bên A có nghĩa vụ giao tài sản nêu tại Điều 1 cùng toàn bộ giấy tờ liên quan cho Bên B "
     "trong thời hạn mười ngày kể từ ngày hợp đồng này được chứng thực."),
    ("QUYỀN VÀ NGHĨA VỤ CỦA BÊN A",
     "Bên A cam đoan tài sản thuộc quyền sở hữu hợp pháp của mình, không có tranh chấp, "
     "không bị kê biên để bảo đảm thi hành án và không dùng để bảo đảm nghĩa vụ khác."),
    ("QUYỀN VÀ NGHĨA VỤ CỦA BÊN B",
     "Bên B có nghĩa vụ thanh toán đầy đủ, đúng hạn và thực hiện thủ tục đăng ký theo quy "
     "định của pháp luật; chịu các khoản thuế, phí, lệ phí liên quan nếu hai bên không có "
     "thỏa thuận khác."),
    ("PHƯƠNG THỨC GIẢI QUYẾT TRANH CHẤP",
     "Trong quá trình thực hiện hợp đồng, nếu phát sinh tranh chấp, các bên cùng nhau thương "
     "lượng giải quyết trên nguyên tắc tôn trọng quyền lợi của nhau; trường hợp không giải "
     "quyết được thì một trong hai bên có quyền khởi kiện để yêu cầu tòa án có thẩm quyền "
     "giải quyết theo quy định của pháp luật."),
    ("CAM ĐOAN CỦA CÁC BÊN",
     "Các bên cam đoan những thông tin về nhân thân ghi trong hợp đồng này là đúng sự thật; "
     "việc giao kết hợp đồng là hoàn toàn tự nguyện, không bị lừa dối hoặc ép buộc."),
    ("ĐIỀU KHOẢN CUỐI CÙNG",
     "Hai bên đã đọc lại hợp đồng, hiểu rõ quyền, nghĩa vụ, lợi ích hợp pháp của mình và hậu "
     "quả pháp lý của việc giao kết hợp đồng. Hợp đồng được lập thành 03 bản có giá trị "
     "pháp lý như nhau."),
)


def _day(rng: random.Random, d: dt.date) -> str:
    return rng.choice((d.strftime("%d/%m/%Y"), f"ngày {d.day} tháng {d.month} năm {d.year}"))


def _party(d: _Doc, rng: random.Random, role: str, who: Person) -> None:
    d.add(role, _BOLD_LEFT)
    layout = rng.random()
    label = rng.choice(("Ông/Bà", "Họ và tên", "Họ, chữ đệm, tên"))
    if layout < 0.5:
        d.name(label, who.full_name, f"   Sinh ngày: {who.birth_date.strftime('%d/%m/%Y')}")
        d.id_line(rng.choice(("Căn cước công dân số", "CCCD số", "Số định danh cá nhân")),
                  who.id_number, f", cấp ngày {_day(rng, dt.date(2021, 4, 12))}")
    else:
        d.name(label, who.full_name)
        d.add(f"Ngày, tháng, năm sinh: {_day(rng, who.birth_date)}")
        d.id_line(rng.choice(("Giấy tờ tùy thân: Căn cước số", "Số CCCD", "Số căn cước")),
                  who.id_number)
        d.add("Nơi cấp: Cục Cảnh sát quản lý hành chính về trật tự xã hội")
    d.add(f"Nơi cư trú: {who.address}")


def _numbered(d: _Doc, rng: random.Random, n: int, total: int, style: str) -> None:
    """A later page's number, in the style of the document (or none)."""
    if style == "trang":
        d.add(f"Trang {n}/{total}", _CENTRE_SMALL)
    elif style == "dash":
        d.add(f"- {n} -", _CENTRE_SMALL)


def contract(rng: random.Random, today: dt.date, commune: str, a: Person, b: Person,
             kind: int | None = None, certifier: str = "") -> SynthDocument:
    """A contract of two to four pages; later pages have no title."""
    title, key, obj = CONTRACTS[rng.randrange(len(CONTRACTS)) if kind is None else kind]
    d = _Doc(rng, key)
    d.heading()
    d.title(title, split_at=2)
    if rng.random() < 0.5:
        d.add(f"Số: {rng.randint(1, 300)}/{today.year}/HĐ", SUBTITLE)
    d.add(f"Hôm nay, {_day(rng, today)}, tại Ủy ban nhân dân {commune}, chúng tôi gồm:", BODY)
    _party(d, rng, rng.choice(("BÊN A (Bên chuyển nhượng):", "BÊN A:", "Bên thứ nhất (Bên A):")),
           a)
    _party(d, rng, rng.choice(("BÊN B (Bên nhận chuyển nhượng):", "BÊN B:",
                               "Bên thứ hai (Bên B):")), b)
    d.add("Hai bên thỏa thuận giao kết hợp đồng với các điều khoản sau đây:", BODY)
    d.add("ĐIỀU 1. ĐỐI TƯỢNG CỦA HỢP ĐỒNG", _BOLD_LEFT)
    d.add(obj.format(n=rng.randint(10, 999), m=rng.randint(1, 60), a=rng.randint(40, 900),
                     addr=address(rng)), BODY)
    pages = rng.choice((2, 2, 3, 3, 4))
    numbering = rng.choice(("trang", "dash", "none", "none"))
    articles = list(_ARTICLES)
    per_page = max(1, len(articles) // (pages - 1))
    article = 2
    price = f"{rng.randint(50, 2500)}.000.000"
    for page in range(2, pages + 1):
        d.page_break()
        if numbering == "trang" and rng.random() < 0.5:
            _numbered(d, rng, page, pages, numbering)
        chunk = articles[:per_page] if page < pages else articles
        articles = articles[len(chunk):]
        for head, text in chunk:
            d.add(f"ĐIỀU {article}. {head}", _BOLD_LEFT)
            d.add(text.format(price=price), BODY)
            article += 1
        if page == pages:
            d.add("BÊN A                                         BÊN B", SIGNATURE)
            d.add("(Ký, ghi rõ họ tên)                   (Ký, ghi rõ họ tên)",
                  LineStyle(align=SIGNATURE.align))
            d.add(f"{a.full_name}                {b.full_name}", SIGNATURE)
            if certifier:
                d.add("LỜI CHỨNG CỦA NGƯỜI THỰC HIỆN CHỨNG THỰC", LineStyle(
                    bold=True, align=TITLE.align, space_before_pt=14.0))
                d.add(f"Ngày {today.day} tháng {today.month} năm {today.year}, tại Ủy ban nhân "
                      f"dân {commune}, tôi {certifier}, chứng thực: hợp đồng được giao kết "
                      "giữa các bên có tên trên; các bên tự nguyện giao kết hợp đồng.", BODY)
        if numbering != "none" and not (numbering == "trang" and d.pages[-1][0][0].startswith(
                "Trang")):
            _numbered(d, rng, page, pages, numbering)
    return d.build()


def commitment(rng: random.Random, today: dt.date, commune: str, who: Person,
               other: Person) -> SynthDocument:
    """A commitment letter (giấy cam kết): the paper whose signature is certified."""
    d = _Doc(rng, "giay_to_chung_thuc")
    d.heading()
    title = rng.choice(("GIẤY CAM KẾT", "BẢN CAM KẾT", "ĐƠN CAM KẾT", "GIẤY CAM ĐOAN"))
    d.title(title)
    subject = rng.choice(("V/v: cam kết tài sản riêng", "V/v: cam kết không tranh chấp ranh giới",
                          "V/v: cam kết nhận nuôi dưỡng người cao tuổi"))
    d.add(f"({subject})", SUBTITLE)
    if rng.random() < 0.6:
        d.add(f"Kính gửi: Ủy ban nhân dân {commune}", SUBTITLE)
    d.name(rng.choice(("Tôi tên là", "Họ và tên", "Tôi là")), who.full_name)
    d.add(f"Sinh ngày: {_day(rng, who.birth_date)}")
    d.id_line(rng.choice(("Số CCCD", "Căn cước số", "Số định danh cá nhân")), who.id_number)
    d.add(f"Nơi thường trú: {who.address}")
    d.add(rng.choice((
        f"Tôi xin cam kết thửa đất tại {address(rng)} là tài sản riêng của tôi, không phải tài "
        f"sản chung với ông/bà {other.full_name}.",
        "Tôi xin cam kết không có tranh chấp, khiếu kiện về ranh giới thửa đất với các hộ liền "
        "kề; nếu sai tôi xin chịu hoàn toàn trách nhiệm trước pháp luật.",
        f"Tôi cam kết chăm sóc, nuôi dưỡng ông/bà {other.full_name} chu đáo theo quy định.")),
        BODY)
    d.add("Tôi xin chịu trách nhiệm trước pháp luật về nội dung cam kết trên.", BODY)
    d.add(f"{commune.replace('xã ', '').replace('phường ', '')}, {_day(rng, today)}", SIGNATURE)
    d.add("NGƯỜI CAM KẾT", SIGNATURE)
    d.add("(Ký và ghi rõ họ tên)", LineStyle(align=SIGNATURE.align))
    return d.build()


def power_of_attorney(rng: random.Random, today: dt.date, commune: str, a: Person,
                      b: Person) -> SynthDocument:
    """A one- or two-page power of attorney (giấy ủy quyền) in a layout forms.py lacks."""
    d = _Doc(rng, "uy_quyen")
    d.heading()
    d.title(rng.choice(("GIẤY ỦY QUYỀN", "GIẤY UỶ QUYỀN")))
    d.add("Căn cứ Bộ luật Dân sự năm 2015;", BODY)
    d.add(f"Hôm nay, {_day(rng, today)}, chúng tôi gồm có:", BODY)
    for role, who in (("I. NGƯỜI ỦY QUYỀN:", a), ("II. NGƯỜI ĐƯỢC ỦY QUYỀN:", b)):
        d.add(role, _BOLD_LEFT)
        d.name("Họ và tên", who.full_name)
        d.add(f"Ngày sinh: {_day(rng, who.birth_date)}")
        d.id_line(rng.choice(("Số CCCD", "Số định danh cá nhân")), who.id_number)
        d.add(f"Địa chỉ: {who.address}")
    if rng.random() < 0.5:
        d.page_break()
        d.add("- 2 -", _CENTRE_SMALL)
    d.add("III. NỘI DUNG ỦY QUYỀN:", _BOLD_LEFT)
    d.add("Người được ủy quyền được thay mặt người ủy quyền nộp hồ sơ, nhận kết quả và ký các "
          "giấy tờ liên quan tại cơ quan nhà nước có thẩm quyền.", BODY)
    d.add("NGƯỜI ỦY QUYỀN                     NGƯỜI ĐƯỢC ỦY QUYỀN", SIGNATURE)
    return d.build()


_REQUESTS = {
    "2.000884": "Chứng thực chữ ký trong giấy tờ, văn bản",
    "2.001035": "Chứng thực hợp đồng, giao dịch",
    "2.000815": "Chứng thực bản sao từ bản chính",
}


def certification_request(rng: random.Random, today: dt.date, commune: str, who: Person,
                          procedure: str, papers: list[str]) -> SynthDocument:
    """The request form (phiếu yêu cầu chứng thực), which names what is to be certified."""
    d = _Doc(rng, "phieu_yeu_cau_chung_thuc")
    d.heading()
    d.title(rng.choice(("PHIẾU YÊU CẦU CHỨNG THỰC", "PHIẾU YÊU CẦU CHỨNG THỰC HỢP ĐỒNG, GIAO DỊCH")
                       if procedure == "2.001035" else ("PHIẾU YÊU CẦU CHỨNG THỰC",)), split_at=3)
    d.add(f"Kính gửi: Ủy ban nhân dân {commune}", SUBTITLE)
    d.name(rng.choice(("Họ và tên người yêu cầu", "Họ tên người yêu cầu chứng thực")),
           who.full_name)
    d.id_line(rng.choice(("Số CCCD/Hộ chiếu", "Giấy tờ tùy thân số")), who.id_number)
    d.add(f"Địa chỉ: {who.address}")
    d.add(f"Yêu cầu chứng thực: {_REQUESTS[procedure]}")
    d.add("Giấy tờ, văn bản kèm theo:")
    for n, paper in enumerate(papers, 1):
        d.add(f"{n}. {paper}", BODY)
    d.add(f"Số bản yêu cầu chứng thực: 0{rng.randint(1, 5)} bản")
    d.add(f"{commune.replace('xã ', '').replace('phường ', '')}, {_day(rng, today)}", SIGNATURE)
    d.add("NGƯỜI YÊU CẦU", SIGNATURE)
    return d.build()


__all__ = ["CONTRACTS", "Line", "certification_request", "commitment", "contract",
           "power_of_attorney"]
