"""Vietnamese text normalisation shared by storage, search and tagging.

Text is stored in NFC; matching folds tone marks, vowel marks and đ→d, which
Unicode does not decompose.
"""

from __future__ import annotations

from vntext.fold import fold, fold_aligned, fold_words, nfc, normalise_tone_style

__all__ = ["fold", "fold_aligned", "fold_words", "nfc", "normalise_tone_style"]
