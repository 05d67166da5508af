"""Synthetic commune paperwork with known answers: official form texts filled in for
fictional people, grouped into dossiers, for tests and benchmarks of tagging.

Each form has several layouts (label wording, order, title split, name case,
footnotes) so that a tagger tuned on one layout does not pass by memorising it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from synth import people
from synth.people import Person
from synth.render import BODY, FIELD, HEADING, MOTTO, SIGNATURE, SUBTITLE, TITLE, LineStyle

Line = tuple[str, LineStyle]
_BOLD = LineStyle(bold=True)
_SMALL = LineStyle(size_pt=10.0)
_LEFT_BOLD = LineStyle(size_pt=12.0, bold=True)


@dataclass(frozen=True)
class SynthDocument:
    """One document of a dossier: its pages (lines to render) and the true answers."""

    type_key: str
    pages: tuple[tuple[Line, ...], ...]
    full_names: tuple[str, ...]
    id_numbers: tuple[str, ...]
    dossier_code: str | None = None

    def page_texts(self) -> list[str]:
        return ["\n".join(text for text, _ in page) for page in self.pages]


@dataclass(frozen=True)
class SynthDossier:
    procedure_code: str
    documents: tuple[SynthDocument, ...]

    @property
    def type_keys(self) -> tuple[str, ...]:
        return tuple(d.type_key for d in self.documents)


@dataclass
class _Doc:
    """Builder of one document, remembering which names and numbers it shows."""

    rng: random.Random
    key: str
    pages: list[list[Line]] = field(default_factory=lambda: [[]])
    names: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    code: str | None = None
    upper: bool = True
    leader: bool = False
    below: bool = False  # values printed on the line under their label (table forms)
    id_style: str = "plain"

    def __post_init__(self) -> None:
        self.upper = self.rng.random() < 0.7
        self.leader = self.rng.random() < 0.15
        self.below = self.rng.random() < 0.1
        # Newer forms print the personal number in twelve boxes or in groups of three.
        self.id_style = self.rng.choices(("plain", "boxes", "groups"), (80, 10, 10))[0]

    def add(self, text: str, style: LineStyle = FIELD) -> None:
        self.pages[-1].append((text, style))

    def page_break(self) -> None:
        self.pages.append([])

    def heading(self, agency: str | None = None, number: str | None = None) -> None:
        if agency and self.rng.random() < 0.8:
            self.add(agency.upper(), _LEFT_BOLD)
            if number:
                self.add(number, BODY)
        self.add("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", HEADING)
        self.add("Độc lập - Tự do - Hạnh phúc", MOTTO)

    def title(self, text: str, split_at: int | None = None) -> None:
        if self.rng.random() < 0.08:  # some templates set the title in sentence case
            text = text[:1] + text[1:].lower()
        words = text.split()
        if split_at and self.rng.random() < 0.35:
            self.add(" ".join(words[:split_at]), TITLE)
            self.add(" ".join(words[split_at:]), LineStyle(size_pt=15.0, bold=True,
                                                           align=TITLE.align))
        else:
            self.add(text, TITLE)

    def fmt_name(self, name: str) -> str:
        shown = name.upper() if self.upper else name
        return f"... {shown} ..." if self.leader else shown

    def name(self, label: str, name: str, after: str = "") -> None:
        if self.below and not after:
            self.add(f"{label}:")
            self.add(self.fmt_name(name))
        else:
            self.add(f"{label}: {self.fmt_name(name)}{after}")
        if name not in self.names:
            self.names.append(name)

    def fmt_id(self, number: str) -> str:
        if len(number) != 12 or self.id_style == "plain":
            return number
        if self.id_style == "boxes":
            return " ".join(number)
        return " ".join(number[i:i + 3] for i in range(0, 12, 3))

    def id_line(self, label: str, number: str, after: str = "") -> None:
        if self.below and not after:
            self.add(f"{label}:")
            self.add(self.fmt_id(number))
        else:
            self.add(f"{label}: {self.fmt_id(number)}{after}")
        if number not in self.ids:
            self.ids.append(number)

    def build(self) -> SynthDocument:
        pages = tuple(tuple(p) for p in self.pages if p)
        return SynthDocument(self.key, pages, tuple(self.names), tuple(self.ids), self.code)


@dataclass(frozen=True)
class _Context:
    """What the documents of one dossier share."""

    commune: str
    province: str
    today: dt.date
    applicant: Person
    agency_id: str


def _date(rng: random.Random, d: dt.date) -> str:
    r = rng.random()
    if r < 0.6:
        return d.strftime("%d/%m/%Y")
    if r < 0.8:
        return f"ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"
    return d.strftime("%d-%m-%Y")


def _place_date(ctx: _Context, rng: random.Random) -> str:
    place = ctx.commune.replace("xã ", "").replace("phường ", "")
    return f"{place}, ngày {ctx.today.day} tháng {ctx.today.month} năm {ctx.today.year}"


def _id_label(rng: random.Random) -> str:
    return rng.choice(("Số định danh cá nhân", "Số CCCD", "Số căn cước",
                       "Giấy tờ tùy thân: Thẻ căn cước số", "Số Căn cước công dân"))


def _requester_label(rng: random.Random) -> str:
    return rng.choice(("Họ, chữ đệm, tên người yêu cầu", "Họ và tên người yêu cầu",
                       "Họ, chữ đệm và tên người yêu cầu", "Họ tên người đi đăng ký"))


def _pledge(d: _Doc, what: str) -> None:
    d.add(f"Tôi cam đoan nội dung đề nghị {what} trên đây là đúng sự thật, được sự thỏa "
          "thuận nhất trí của các bên liên quan theo quy định pháp luật.", BODY)
    d.add("Tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình.", BODY)


def _sign(d: _Doc, ctx: _Context, role: str, name: str) -> None:
    d.add(f"Làm tại: {_place_date(ctx, d.rng)}", SIGNATURE)
    d.add(role.upper(), SIGNATURE)
    d.add("(Ký, ghi rõ họ, chữ đệm, tên)", LineStyle(align=SIGNATURE.align))
    d.add(name, SIGNATURE)


def _requester_block(d: _Doc, ctx: _Context, who: Person, relation: str) -> None:
    rng = d.rng
    d.name(_requester_label(rng), who.full_name)
    if rng.random() < 0.5:
        d.add(f"Ngày, tháng, năm sinh: {_date(rng, who.birth_date)}")
    d.add(f"Nơi cư trú: {who.address}")
    d.id_line(_id_label(rng), who.id_number)
    if who.old_id and rng.random() < 0.5:
        d.id_line(rng.choice(("Số CMND cũ", "Số Chứng minh nhân dân")), who.old_id)
    d.add(f"Quan hệ với người được {relation}: " + rng.choice(("Mẹ", "Cha", "Bản thân", "Con")))


def birth_declaration(rng: random.Random, ctx: _Context, baby: Person, mother: Person,
                      father: Person) -> SynthDocument:
    d = _Doc(rng, "to_khai_khai_sinh")
    d.heading()
    d.title("TỜ KHAI ĐĂNG KÝ KHAI SINH", split_at=2)
    d.add(f"Kính gửi: Ủy ban nhân dân {ctx.commune}, {ctx.province}", SUBTITLE)
    _requester_block(d, ctx, ctx.applicant, "khai sinh")
    d.add("Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:", BODY)
    d.name(rng.choice(("Họ, chữ đệm, tên", "Họ và tên", "Họ, chữ đệm và tên")), baby.full_name,
           f"   Giới tính: {baby.sex}" if rng.random() < 0.5 else "")
    d.add(f"Ngày, tháng, năm sinh: {_date(rng, baby.birth_date)}")
    d.add(f"Dân tộc: {baby.ethnicity}   Quốc tịch: Việt Nam")
    d.add(f"Nơi sinh: Bệnh viện Đa khoa {ctx.province}")
    d.add(f"Quê quán: {father.province}")
    order = [("mẹ", mother), ("cha", father)]
    if rng.random() < 0.5:
        order.reverse()
    for role, parent in order:
        d.name(rng.choice((f"Họ, chữ đệm, tên người {role}", f"Họ và tên {role}",
                           f"Họ, chữ đệm và tên người {role}")), parent.full_name)
        d.add(f"Năm sinh: {parent.birth_date.year}   Dân tộc: {parent.ethnicity}   "
              "Quốc tịch: Việt Nam")
        if rng.random() < 0.5:
            d.id_line("Số định danh cá nhân", parent.id_number)
        d.add(f"Nơi cư trú: {parent.address}")
    if rng.random() < 0.4:
        d.page_break()
    _pledge(d, "đăng ký khai sinh")
    _sign(d, ctx, "Người yêu cầu", ctx.applicant.full_name)
    return d.build()


def birth_certificate(rng: random.Random, ctx: _Context, baby: Person,
                      mother: Person) -> SynthDocument:
    d = _Doc(rng, "giay_chung_sinh")
    hospital = f"Bệnh viện Đa khoa {ctx.province}"
    d.heading(f"SỞ Y TẾ {ctx.province.upper()} - {hospital}",
              f"Số: {rng.randint(10, 999)}/GCS    Quyển số: {rng.randint(1, 20):02d}")
    d.title("GIẤY CHỨNG SINH")
    d.name(rng.choice(("Họ và tên mẹ", "Họ, chữ đệm, tên mẹ", "Họ tên mẹ")), mother.full_name)
    if rng.random() < 0.5:
        d.add(f"Ngày, tháng, năm sinh: {_date(rng, mother.birth_date)}")
    else:
        d.add(f"Năm sinh: {mother.birth_date.year}")
    d.id_line(rng.choice(("Số CCCD/Số định danh cá nhân", "Số định danh cá nhân",
                          "Số căn cước công dân")), mother.id_number)
    d.add(f"Nơi đăng ký thường trú: {mother.address}")
    d.add(f"Dân tộc: {mother.ethnicity}")
    moment = f"{rng.randint(0, 23):02d} giờ {rng.randint(0, 59):02d} phút"
    d.add(f"Đã sinh con vào lúc: {moment}, {_date(rng, baby.birth_date)}")
    d.add(f"Tại: {hospital}")
    d.add("Số con trong lần sinh: 01")
    d.add(f"Giới tính của con: {baby.sex}")
    d.add(f"Cân nặng: {rng.randint(25, 40) * 100} gam")
    if rng.random() < 0.6:
        d.name("Dự định đặt tên con", baby.full_name)
    d.add("NGƯỜI ĐỠ ĐẺ                    THỦ TRƯỞNG CƠ SỞ Y TẾ", SIGNATURE)
    d.add("(Ký, ghi rõ họ tên)            (Ký, đóng dấu)", LineStyle(align=SIGNATURE.align))
    return d.build()


def identity_card(rng: random.Random, ctx: _Context, who: Person) -> SynthDocument:
    d = _Doc(rng, "can_cuoc")
    d.upper = True
    d.leader = False
    if rng.random() < 0.3:
        d.add("BẢN SAO", _BOLD)
    d.add("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", HEADING)
    d.add("Độc lập - Tự do - Hạnh phúc", MOTTO)
    d.add("SOCIALIST REPUBLIC OF VIET NAM", SUBTITLE)
    d.add("Independence - Freedom - Happiness", SUBTITLE)
    d.add(rng.choice(("CĂN CƯỚC CÔNG DÂN", "CĂN CƯỚC", "CĂN CƯỚC CÔNG DÂN / Citizen Identity Card",
                      "CĂN CƯỚC / IDENTITY CARD")), TITLE)
    d.id_line(rng.choice(("Số / No.", "Số định danh cá nhân / Personal identification number",
                          "Số / No")), who.id_number)
    label = rng.choice(("Họ và tên / Full name", "Họ, chữ đệm và tên khai sinh / Full name",
                        "Họ, chữ đệm và tên / Full name"))
    if rng.random() < 0.5:
        d.add(f"{label}:")
        d.add(who.full_name.upper(), _BOLD)
        d.names.append(who.full_name)
    else:
        d.name(label, who.full_name)
    d.add(f"Ngày sinh / Date of birth: {who.birth_date.strftime('%d/%m/%Y')}")
    d.add(f"Giới tính / Sex: {who.sex}    Quốc tịch / Nationality: Việt Nam")
    d.add(f"Quê quán / Place of origin: {who.province}")
    d.add(f"Nơi thường trú / Place of residence: {who.address}")
    expiry = who.birth_date.replace(year=min(who.birth_date.year + 60, 2099))
    d.add(f"Có giá trị đến / Date of expiry: {expiry.strftime('%d/%m/%Y')}")
    d.add("")
    d.add("Đặc điểm nhân dạng / Personal identification: Nốt ruồi C: 1cm dưới mép phải", BODY)
    issued = people.random_date(rng, 2016, 2024)
    d.add(f"Ngày, tháng, năm / Date, month, year: {issued.strftime('%d/%m/%Y')}", BODY)
    d.add("CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", _BOLD)
    return d.build()


def authorisation(rng: random.Random, ctx: _Context, grantor: Person, agent: Person,
                  task: str) -> SynthDocument:
    d = _Doc(rng, "uy_quyen")
    d.heading()
    d.title(rng.choice(("GIẤY ỦY QUYỀN", "VĂN BẢN ỦY QUYỀN", "GIẤY UỶ QUYỀN")))
    d.add(f"(V/v: {task})", SUBTITLE)
    d.add(f"Hôm nay, {_place_date(ctx, rng)}, chúng tôi gồm:", BODY)
    for role, who in (("BÊN ỦY QUYỀN (Bên A)", grantor), ("BÊN ĐƯỢC ỦY QUYỀN (Bên B)", agent)):
        d.add(f"{role}:", _BOLD)
        d.name(rng.choice(("Họ và tên", "Họ, chữ đệm, tên", "Ông/Bà")), who.full_name)
        d.add(f"Ngày sinh: {_date(rng, who.birth_date)}")
        d.id_line("Số CCCD", who.id_number, f", cấp ngày {_date(rng, dt.date(2021, 8, 15))}")
        if who.old_id:
            d.id_line("Số CMND", who.old_id)
        d.add(f"Địa chỉ thường trú: {who.address}")
    d.add(f"Nội dung ủy quyền: Bên A ủy quyền cho Bên B thay mặt Bên A thực hiện thủ tục {task} "
          f"tại Ủy ban nhân dân {ctx.commune}.", BODY)
    d.add("Thời hạn ủy quyền: kể từ ngày ký đến khi hoàn thành công việc ủy quyền.", BODY)
    d.add("BÊN ỦY QUYỀN                      BÊN ĐƯỢC ỦY QUYỀN", SIGNATURE)
    return d.build()


def death_notice(rng: random.Random, ctx: _Context, dead: Person, died: dt.date) -> SynthDocument:
    d = _Doc(rng, "giay_bao_tu")
    d.heading(rng.choice((f"Bệnh viện Đa khoa {ctx.province}", f"Ủy ban nhân dân {ctx.commune}",
                          f"Trung tâm Y tế {ctx.province}")),
              f"Số: {rng.randint(1, 300)}/GBT")
    d.title("GIẤY BÁO TỬ")
    d.name(rng.choice(("Họ, chữ đệm, tên", "Họ và tên người chết", "Họ và tên")), dead.full_name)
    d.add(f"Giới tính: {dead.sex}   Ngày, tháng, năm sinh: {_date(rng, dead.birth_date)}")
    d.add(f"Dân tộc: {dead.ethnicity}   Quốc tịch: Việt Nam")
    d.id_line(rng.choice(("Số định danh cá nhân", "Số CCCD")), dead.id_number)
    d.add(f"Nơi cư trú cuối cùng: {dead.address}")
    moment = f"{rng.randint(0, 23):02d} giờ {rng.randint(0, 59):02d} phút"
    d.add(f"Đã chết vào lúc: {moment}, {_date(rng, died)}")
    d.add(f"Nơi chết: {rng.choice(('Tại nhà riêng', 'Bệnh viện Đa khoa ' + ctx.province))}")
    d.add(f"Nguyên nhân chết: {rng.choice(('Bệnh già', 'Bệnh tật', 'Tai nạn giao thông'))}")
    d.add(f"{ctx.commune.capitalize()}, {_date(rng, died + dt.timedelta(days=1))}", SIGNATURE)
    d.add("THỦ TRƯỞNG ĐƠN VỊ", SIGNATURE)
    return d.build()


def death_declaration(rng: random.Random, ctx: _Context, dead: Person, died: dt.date) -> \
        SynthDocument:
    d = _Doc(rng, "to_khai_khai_tu")
    d.heading()
    d.title("TỜ KHAI ĐĂNG KÝ KHAI TỬ", split_at=2)
    d.add(f"Kính gửi: Ủy ban nhân dân {ctx.commune}, {ctx.province}", SUBTITLE)
    _requester_block(d, ctx, ctx.applicant, "khai tử")
    d.add("Đề nghị cơ quan đăng ký khai tử cho người có tên dưới đây:", BODY)
    d.name(rng.choice(("Họ, chữ đệm, tên", "Họ và tên người chết", "Họ, chữ đệm và tên")),
           dead.full_name)
    d.add(f"Ngày, tháng, năm sinh: {_date(rng, dead.birth_date)}")
    d.add(f"Giới tính: {dead.sex}   Dân tộc: {dead.ethnicity}   Quốc tịch: Việt Nam")
    d.add(f"Nơi cư trú cuối cùng: {dead.address}")
    d.id_line("Giấy tờ tùy thân: Số định danh cá nhân", dead.id_number)
    moment = f"{rng.randint(0, 23):02d} giờ {rng.randint(0, 59):02d} phút"
    d.add(f"Đã chết vào lúc: {moment}, {_date(rng, died)}")
    d.add(f"Nguyên nhân chết: {rng.choice(('Bệnh già', 'Bệnh tật', 'Tai nạn giao thông'))}")
    d.add(f"Số Giấy báo tử/Giấy tờ thay thế Giấy báo tử: {rng.randint(1, 300)}/GBT")
    if rng.random() < 0.3:
        d.page_break()
    _pledge(d, "đăng ký khai tử")
    _sign(d, ctx, "Người yêu cầu", ctx.applicant.full_name)
    return d.build()


def marriage_declaration(rng: random.Random, ctx: _Context, bride: Person,
                         groom: Person) -> SynthDocument:
    d = _Doc(rng, "to_khai_ket_hon")
    d.heading()
    d.title("TỜ KHAI ĐĂNG KÝ KẾT HÔN", split_at=2)
    d.add(f"Kính gửi: Ủy ban nhân dân {ctx.commune}, {ctx.province}", SUBTITLE)
    for side, who in (("BÊN NỮ", bride), ("BÊN NAM", groom)):
        d.add(f"Thông tin {side.lower()}:" if rng.random() < 0.5 else side, _BOLD)
        d.name(rng.choice(("Họ, chữ đệm, tên", "Họ và tên", "Họ, chữ đệm và tên")), who.full_name)
        d.add(f"Ngày, tháng, năm sinh: {_date(rng, who.birth_date)}")
        d.add(f"Dân tộc: {who.ethnicity}   Quốc tịch: Việt Nam")
        d.add(f"Nơi cư trú: {who.address}")
        d.id_line(_id_label(rng), who.id_number)
        d.add(f"Kết hôn lần thứ mấy: {rng.choice(('Lần đầu', 'Lần thứ hai'))}")
    if rng.random() < 0.3:
        d.page_break()
    d.add("Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của chúng "
          "tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình Việt Nam.", BODY)
    d.add("Chúng tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình.",
          BODY)
    d.add(f"Làm tại: {_place_date(ctx, rng)}", SIGNATURE)
    d.add("BÊN NỮ                                BÊN NAM", SIGNATURE)
    return d.build()


def marital_status_declaration(rng: random.Random, ctx: _Context, who: Person,
                               partner: Person) -> SynthDocument:
    d = _Doc(rng, "to_khai_xac_nhan_hon_nhan")
    d.heading()
    d.title("TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN", split_at=2)
    d.add(f"Kính gửi: Ủy ban nhân dân {ctx.commune}, {ctx.province}", SUBTITLE)
    _requester_block(d, ctx, ctx.applicant, "cấp Giấy xác nhận tình trạng hôn nhân")
    d.add("Đề nghị cấp Giấy xác nhận tình trạng hôn nhân cho người có tên dưới đây:", BODY)
    d.name(rng.choice(("Họ, chữ đệm, tên", "Họ và tên", "Họ, chữ đệm và tên")), who.full_name)
    d.add(f"Ngày, tháng, năm sinh: {_date(rng, who.birth_date)}")
    d.add(f"Giới tính: {who.sex}   Dân tộc: {who.ethnicity}   Quốc tịch: Việt Nam")
    d.id_line(_id_label(rng), who.id_number)
    d.add(f"Nơi cư trú: {who.address}")
    status = rng.choice(("Chưa kết hôn với ai", "Đã ly hôn, hiện chưa kết hôn với ai"))
    d.add(f"Tình trạng hôn nhân: {status}")
    purpose = rng.choice((f"Để đăng ký kết hôn với {partner.full_name}",
                          "Để bổ sung hồ sơ xin việc", "Để làm thủ tục mua bán nhà đất"))
    d.add(f"Mục đích sử dụng Giấy xác nhận tình trạng hôn nhân: {purpose}")
    _pledge(d, "cấp Giấy xác nhận tình trạng hôn nhân")
    _sign(d, ctx, "Người yêu cầu", ctx.applicant.full_name)
    return d.build()


RESIDENCE_REQUESTS = {
    "1.004222": "Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình",
    "1.004194": "Đăng ký tạm trú tại chỗ ở hợp pháp do thuê",
    "1.003677": "Khai báo tạm vắng",
}


def residence_declaration(rng: random.Random, ctx: _Context, who: Person, head: Person,
                          procedure: str) -> SynthDocument:
    d = _Doc(rng, "to_khai_cu_tru")
    d.add("Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA", _SMALL)
    d.heading()
    d.title("TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ", split_at=2)
    d.add(f"Kính gửi(1): Công an {ctx.commune}, {ctx.province}", SUBTITLE)
    d.name("1. Họ, chữ đệm và tên", who.full_name)
    d.add(f"2. Ngày, tháng, năm sinh: {_date(rng, who.birth_date)}   3. Giới tính: {who.sex}")
    d.id_line("4. Số định danh cá nhân", who.id_number)
    d.add(f"5. Số điện thoại liên hệ: 09{rng.randrange(10**8):08d}   6. Email: không có")
    d.name("7. Họ, chữ đệm và tên chủ hộ", head.full_name,
           "   8. Mối quan hệ với chủ hộ: " + rng.choice(("Con", "Vợ", "Chồng", "Cháu")))
    d.id_line("9. Số định danh cá nhân của chủ hộ", head.id_number)
    request = RESIDENCE_REQUESTS[procedure]
    if procedure == "1.003677":
        start = ctx.today + dt.timedelta(days=3)
        request += f" từ ngày {start.strftime('%d/%m/%Y')} đến ngày " \
                   f"{(start + dt.timedelta(days=180)).strftime('%d/%m/%Y')}"
    d.add(f"10. Nội dung đề nghị(2): {request} tại {people.address(rng)}")
    d.add("11. Những thành viên trong hộ gia đình cùng thay đổi: Không")
    if rng.random() < 0.5:
        d.page_break()
    d.add(f"{_place_date(ctx, rng)}", SIGNATURE)
    d.add("Ý KIẾN CỦA CHỦ HỘ(3)          NGƯỜI KÊ KHAI", SIGNATURE)
    if rng.random() < 0.6:
        d.add("(1) Cơ quan đăng ký cư trú.", _SMALL)
        d.add("(2) Ghi rõ ràng, cụ thể nội dung đề nghị. Ví dụ: đăng ký thường trú; đăng ký "
              "tạm trú; tách hộ; xác nhận thông tin về cư trú; khai báo tạm vắng.", _SMALL)
        d.add("(3) Áp dụng đối với các trường hợp quy định tại khoản 2 Điều 20 Luật Cư trú.",
              _SMALL)
    return d.build()


PROCEDURE_NAMES = {
    "1.001193": "đăng ký khai sinh", "1.000894": "đăng ký kết hôn",
    "1.000656": "đăng ký khai tử", "1.004873": "cấp Giấy xác nhận tình trạng hôn nhân",
    "1.004222": "Đăng ký thường trú", "1.004194": "Đăng ký tạm trú",
    "1.003677": "Khai báo tạm vắng",
}


def receipt(rng: random.Random, ctx: _Context, procedure: str,
            listed: list[str]) -> SynthDocument:
    d = _Doc(rng, "phieu_tiep_nhan")
    d.heading(f"Ủy ban nhân dân {ctx.commune}",
              f"Số: {rng.randint(1, 999)}/TNHS" if rng.random() < 0.5 else None)
    if rng.random() < 0.5:
        d.add("BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", SUBTITLE)
    d.title("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", split_at=5)
    code = f"{ctx.agency_id}-{ctx.today.strftime('%y%m%d')}-{rng.randint(1, 999):04d}"
    d.code = code
    d.add(f"Mã hồ sơ: {code}", SUBTITLE)
    d.add(f"Bộ phận tiếp nhận và trả kết quả Ủy ban nhân dân {ctx.commune} tiếp nhận hồ sơ của:",
          BODY)
    d.name(rng.choice(("Ông/Bà", "Họ và tên người nộp", "Ông (bà)")), ctx.applicant.full_name)
    if rng.random() < 0.6:
        d.id_line("Số định danh cá nhân", ctx.applicant.id_number)
    d.add(f"Địa chỉ: {ctx.applicant.address}")
    d.add(f"Số điện thoại: 09{rng.randrange(10**8):08d}")
    name = PROCEDURE_NAMES[procedure]
    name = name[0].upper() + name[1:]
    label = rng.choice(("Nội dung yêu cầu giải quyết", "Thủ tục hành chính", "Tên thủ tục",
                        "Về việc"))
    shown = f"Thủ tục {name[0].lower() + name[1:]}" if rng.random() < 0.5 else name
    d.add(f"{label}: {shown}")
    d.add("1. Thành phần hồ sơ nộp gồm:")
    for item in listed:
        d.add(f"- {item} (Bản chính: 01)", BODY)
    d.add("2. Số lượng hồ sơ: 01 (bộ)")
    d.add("3. Thời gian giải quyết hồ sơ theo quy định là: 03 ngày làm việc")
    d.add(f"4. Thời gian nhận hồ sơ: 08 giờ 30 phút, ngày {ctx.today.strftime('%d/%m/%Y')}")
    back = ctx.today + dt.timedelta(days=3)
    d.add(f"5. Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 00 phút, "
          f"ngày {back.strftime('%d/%m/%Y')}")
    d.add("Vào Sổ theo dõi hồ sơ, Quyển số: 01, Số thứ tự: " + str(rng.randint(1, 500)), BODY)
    d.add("NGƯỜI NỘP HỒ SƠ                NGƯỜI TIẾP NHẬN HỒ SƠ", SIGNATURE)
    return d.build()


# --- dossiers ----------------------------------------------------------------------

PROCEDURES: tuple[str, ...] = tuple(PROCEDURE_NAMES)
_AGENCIES = ("000.00.06.H56", "000.00.12.H56", "000.21.31.H40", "000.00.07.H26", "000.14.25.H19")


def _context(rng: random.Random) -> _Context:
    applicant = people.person(rng, born=(1960, 2002))
    _, province = rng.choice(people.PROVINCES)
    return _Context(
        commune=rng.choice(people.COMMUNES), province=f"tỉnh {province}",
        today=people.random_date(rng, 2023, 2025), applicant=applicant,
        agency_id=rng.choice(_AGENCIES),
    )


def _with_receipt(rng: random.Random, ctx: _Context, procedure: str,
                  docs: list[SynthDocument], names: dict[str, str]) -> list[SynthDocument]:
    if rng.random() < 0.4:
        listed = [names[d.type_key] for d in docs if d.type_key in names]
        rec = receipt(rng, ctx, procedure, listed)
        return [rec, *docs] if rng.random() < 0.7 else [*docs, rec]
    return docs


_SHORT_NAMES = {
    "to_khai_khai_sinh": "Tờ khai đăng ký khai sinh", "giay_chung_sinh": "Giấy chứng sinh",
    "to_khai_khai_tu": "Tờ khai đăng ký khai tử", "giay_bao_tu": "Giấy báo tử",
    "to_khai_ket_hon": "Tờ khai đăng ký kết hôn",
    "to_khai_xac_nhan_hon_nhan": "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
    "to_khai_cu_tru": "Tờ khai thay đổi thông tin cư trú (CT01)",
    "uy_quyen": "Văn bản ủy quyền",
}


def make_dossier(rng: random.Random, procedure: str | None = None,
                 drop_required: bool = False) -> SynthDossier:
    """A dossier for ``procedure`` (random if None) with its documents in a plausible order.

    ``drop_required`` leaves out one required paper, for checklist tests.
    """
    procedure = procedure or rng.choice(PROCEDURES)
    ctx = _context(rng)
    docs: list[SynthDocument] = []
    makers: list[Callable[[], SynthDocument]] = []
    if procedure == "1.001193":
        mother = people.person(rng, male=False, born=(1980, 2003))
        father = people.person(rng, male=True, born=(1975, 2001))
        ctx = _Context(ctx.commune, ctx.province, ctx.today, mother, ctx.agency_id)
        baby = people.child(rng, father.full_name.split()[0], ctx.today - dt.timedelta(
            days=rng.randint(3, 60)))
        makers.append(lambda: birth_declaration(rng, ctx, baby, mother, father))
        if not drop_required:
            makers.append(lambda: birth_certificate(rng, ctx, baby, mother))
        if rng.random() < 0.6:
            makers.append(lambda: identity_card(rng, ctx, mother))
        if rng.random() < 0.15:
            makers.append(lambda: authorisation(rng, ctx, father, mother, "đăng ký khai sinh"))
    elif procedure == "1.000656":
        dead = people.person(rng, born=(1930, 1965))
        died = ctx.today - dt.timedelta(days=rng.randint(1, 30))
        makers.append(lambda: death_declaration(rng, ctx, dead, died))
        if not drop_required:
            makers.append(lambda: death_notice(rng, ctx, dead, died))
        if rng.random() < 0.5:
            makers.append(lambda: identity_card(rng, ctx, ctx.applicant))
        if rng.random() < 0.2:
            other = people.person(rng)
            makers.append(lambda: authorisation(rng, ctx, ctx.applicant, other, "đăng ký khai tử"))
    elif procedure == "1.000894":
        bride = people.person(rng, male=False, born=(1985, 2004))
        groom = people.person(rng, male=True, born=(1980, 2003))
        ctx = _Context(ctx.commune, ctx.province, ctx.today, groom, ctx.agency_id)
        if not drop_required:
            makers.append(lambda: marriage_declaration(rng, ctx, bride, groom))
        makers.append(lambda: identity_card(rng, ctx, bride))
        makers.append(lambda: identity_card(rng, ctx, groom))
    elif procedure == "1.004873":
        partner = people.person(rng)
        if not drop_required:
            makers.append(lambda: marital_status_declaration(rng, ctx, ctx.applicant, partner))
        if rng.random() < 0.6:
            makers.append(lambda: identity_card(rng, ctx, ctx.applicant))
        if rng.random() < 0.15:
            other = people.person(rng)
            makers.append(lambda: authorisation(
                rng, ctx, ctx.applicant, other, "cấp Giấy xác nhận tình trạng hôn nhân"))
    else:
        head = people.person(rng, born=(1950, 1985))
        if not drop_required:
            makers.append(lambda: residence_declaration(rng, ctx, ctx.applicant, head, procedure))
        if rng.random() < 0.6:
            makers.append(lambda: identity_card(rng, ctx, ctx.applicant))
    docs = [make() for make in makers]
    docs = _with_receipt(rng, ctx, procedure, docs, _SHORT_NAMES)
    return SynthDossier(procedure, tuple(docs))
