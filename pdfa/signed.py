"""PDF/A-2b rules for what a signature adds (the form, its fields, the signature value and the
document security store), which pikepdf's validator leaves unchecked.

pikepdf's validator approves only what it can check and reports ``/AcroForm`` (and a
catalogue ``/DSS``) as unsupported; ``check_pdfa`` hands those to ``signature_problems``,
which checks the ISO 19005-2 rules that apply to them (6.4.1, 6.4.2, 6.4.3, 6.1.12).
"""

from __future__ import annotations

import re
from typing import Any

import pikepdf
from asn1crypto import cms

# Keys pikepdf's validator does not accept in the catalogue, and which signing adds.
SIGNING_CATALOG_KEYS = ("/AcroForm", "/DSS")
# ISO 19005-2 6.1.13: the largest string a conforming file may hold.
MAX_STRING_BYTES = 32767
_EOF = re.compile(rb"%%EOF(\r\n|\r|\n)?")


def is_signing_finding(rule: str, where: str, message: str) -> bool:
    """Whether a pikepdf finding is only the catalogue holding a signature's additions."""
    if not rule.startswith("pikepdf:schema-Catalog"):
        return False
    text = f"{where} {message}"
    return any(key in text for key in SIGNING_CATALOG_KEYS)


def _revision_ends(data: bytes) -> set[int]:
    return {m.end() for m in _EOF.finditer(data)}


def _cms_problems(contents: bytes) -> list[str]:
    try:
        # The value is padded with zero bytes up to the room kept for it; the DER header
        # gives its length (stripping the zeros would cut a value that ends in 0x00).
        info = cms.ContentInfo.load(contents, strict=False)
        if any(contents[len(info.dump()):]):
            raise ValueError("data after the signature value")
        signed = info["content"]
        signer_infos = signed["signer_infos"]
        count = len(signer_infos)
        certs = [c.chosen for c in signed["certificates"] or []
                 if c.name == "certificate"]
    except (ValueError, TypeError, KeyError) as e:
        return [f"PDF/A-2b 6.4.3: chữ ký không phải PKCS#7 — the signature is not PKCS#7 ({e})"]
    problems = []
    if count != 1:
        problems.append(f"PDF/A-2b 6.4.3-3: chữ ký có {count} người ký — "
                        f"the signature has {count} signers instead of one")
        return problems
    sid = signer_infos[0]["sid"]
    if sid.name == "issuer_and_serial_number":
        wanted = sid.chosen
        present = any(c.issuer == wanted["issuer"] and c.serial_number ==
                      wanted["serial_number"].native for c in certs)
    else:
        present = any(c.key_identifier == sid.chosen.native for c in certs)
    if not present:
        problems.append("PDF/A-2b 6.4.3-2: chữ ký thiếu chứng thư của người ký — "
                        "the signature does not include the signer's certificate")
    return problems


def _field_problems(field: Any, label: str) -> list[str]:
    problems = []
    kind = field.get("/FT")
    if kind != pikepdf.Name.Sig:
        problems.append(f"{label}: trường biểu mẫu không phải chữ ký — "
                        f"form field of type {kind} (only signature fields are checked)")
    if "/AA" in field:
        problems.append(f"PDF/A-2b 6.4.1-2: {label} có /AA — the form field has /AA")
    if field.get("/Subtype") == pikepdf.Name.Widget and ("/A" in field or "/AA" in field):
        problems.append(f"PDF/A-2b 6.4.1-1: {label} có /A hoặc /AA — "
                        "the widget has /A or /AA")
    return problems


def _signature_value_problems(value: Any, data: bytes, label: str) -> list[str]:
    problems: list[str] = []
    contents = value.get("/Contents")
    byte_range = value.get("/ByteRange")
    if not isinstance(contents, pikepdf.String) or not isinstance(byte_range, pikepdf.Array):
        return [f"{label}: chữ ký thiếu /Contents hoặc /ByteRange — "
                "signature lacks /Contents or /ByteRange"]
    raw = bytes(contents)
    if len(raw) > MAX_STRING_BYTES:
        problems.append(f"PDF/A-2b 6.1.13: {label} /Contents dài {len(raw)} byte — "
                        f"signature value of {len(raw)} bytes exceeds {MAX_STRING_BYTES}")
    try:
        a, b, c, d = (int(x) for x in byte_range)
    except (TypeError, ValueError):
        return [*problems, f"{label}: /ByteRange sai dạng — malformed /ByteRange"]
    # The range must skip exactly the hex string holding the signature and end at the end
    # of the revision the signature belongs to (later incremental updates may follow).
    hole = data[a + b:c] if a == 0 and 0 < b < c <= len(data) else b""
    if (a != 0 or not hole.startswith(b"<") or not hole.endswith(b">")
            or c + d not in _revision_ends(data)):
        problems.append(f"PDF/A-2b 6.4.3-1: {label} ByteRange không phủ hết tệp — "
                        "ByteRange does not cover the entire file apart from the signature")
    return problems + _cms_problems(raw)


def strip_signing(pdf: pikepdf.Pdf) -> None:
    """Remove, in memory, what a signature adds (its form, widgets, security store and
    extension), so pikepdf's validator walks the rest of the file."""
    root = pdf.Root
    for key in SIGNING_CATALOG_KEYS:
        if key in root:
            del root[key]
    extensions = root.get("/Extensions")
    if extensions is not None and "/ESIC" in extensions:
        del extensions["/ESIC"]
        if not extensions.keys():
            del root["/Extensions"]
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if annots is None:
            continue
        kept = [a for a in annots if not (a.get("/Subtype") == pikepdf.Name.Widget
                                          and a.get("/FT") == pikepdf.Name.Sig)]
        if kept:
            page.obj.Annots = pikepdf.Array(kept)
        else:
            del page.obj["/Annots"]


def _widget_problems(widget: Any, label: str) -> list[str]:
    """ISO 19005-2 6.3.2 and 6.3.3 for a signature's widget: printed, not hidden, and an
    appearance (its fonts embedded, 6.2.11.4) unless it has no area."""
    problems = []
    flags = int(widget.get("/F", 0))
    if not flags & 4 or flags & (1 | 2 | 32):
        problems.append(f"PDF/A-2b 6.3.2: {label} cờ /F={flags} — the widget must be "
                        "printed and not hidden (flags)")
    rect = [float(v) for v in widget.get("/Rect", [0, 0, 0, 0])]
    if len(rect) == 4 and rect[0] == rect[2] and rect[1] == rect[3]:
        return problems  # an invisible signature: no area, no appearance needed
    appearance = widget.get("/AP")
    if appearance is None or "/N" not in appearance:
        problems.append(f"PDF/A-2b 6.3.3: {label} không có hình thể — the widget has no "
                        "normal appearance")
        return problems
    if any(key != "/N" for key in appearance):
        problems.append(f"PDF/A-2b 6.3.3: {label} có hình thể khác /N — the widget has "
                        "appearances other than /N")
    for font in _fonts(appearance.N):
        descriptor = font.get("/FontDescriptor")
        if descriptor is None and "/DescendantFonts" in font:
            descriptor = font.DescendantFonts[0].get("/FontDescriptor")
        if descriptor is None or not any(k in descriptor for k in (
                "/FontFile", "/FontFile2", "/FontFile3")):
            problems.append(f"PDF/A-2b 6.2.11.4: {label} phông chữ không được nhúng — a "
                            "font of the widget's appearance is not embedded")
    return problems


def _fonts(xobject: Any, depth: int = 0) -> list[Any]:
    if depth > 8 or not isinstance(xobject, pikepdf.Stream):
        return []
    resources = xobject.get("/Resources") or pikepdf.Dictionary()
    found = list((resources.get("/Font") or pikepdf.Dictionary()).values())
    for inner in (resources.get("/XObject") or pikepdf.Dictionary()).values():
        if inner.get("/Subtype") == pikepdf.Name.Form:
            found += _fonts(inner, depth + 1)
    return found


def signature_problems(pdf: pikepdf.Pdf, data: bytes) -> list[str]:
    """What breaks PDF/A-2b in the document's form, signature fields and signatures."""
    root = pdf.Root
    problems: list[str] = []
    if "/Perms" in root:
        problems.append("PDF/A-2b 6.1.12: /Perms không được hỗ trợ — /Perms is not checked")
    form = root.get("/AcroForm")
    if form is not None:
        if bool(form.get("/NeedAppearances", False)):
            problems.append("PDF/A-2b 6.4.1-3: NeedAppearances là true — NeedAppearances is true")
        if "/XFA" in form:
            problems.append("PDF/A-2b 6.4.2-1: biểu mẫu có XFA — the form has XFA")
        for number, field in enumerate(form.get("/Fields", []), 1):
            label = f"trường {number} — field {number}"
            problems += _field_problems(field, label)
            widgets = field.get("/Kids") or [field]
            for widget in widgets:
                if widget.get("/Subtype") == pikepdf.Name.Widget:
                    problems += _widget_problems(widget, label)
            value = field.get("/V")
            if value is not None:
                problems += _signature_value_problems(value, data, label)
    dss = root.get("/DSS")
    if dss is not None:
        for present in dss:
            if present not in ("/Type", "/Certs", "/OCSPs", "/CRLs", "/VRI"):
                problems.append(f"DSS: khóa lạ {present} — unexpected key {present}")
        for key in ("/Certs", "/OCSPs", "/CRLs"):
            for item in dss.get(key, pikepdf.Array()):
                if not isinstance(item, pikepdf.Stream):
                    problems.append(f"DSS {key}: phần tử không phải stream — item is not a stream")
    return problems
