"""The digitisation rules of Decree 30/2020/NĐ-CP, written once for every stage."""

from __future__ import annotations

#: Annex I: digitised copies are scanned at 200 dpi or more. Scanning refuses less; a
#: record keeps a page below it but says so.
MIN_DPI = 200
