"""The learned document-type model, trained on the clerk's confirmed documents.

TF-IDF over folded words and word pairs with a linear classifier; saved as plain
arrays (no pickle) and retrained in a separate process so tagging never waits.
"""

from __future__ import annotations

import io
import json
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier

from tagging.errors import ModelError
from tagging.matching import fold_line

_MAX_CHARS = 4000
_FORMAT = "sohoa-type-model/1"


@dataclass(frozen=True)
class TrainingExample:
    """A document's text and the type key the clerk confirmed for it."""

    text: str
    type_key: str


def _prepare(text: str) -> str:
    return " ".join(fold_line(line) for line in text[:_MAX_CHARS].splitlines())


def _vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="word", ngram_range=(1, 2), min_df=1 if vocabulary else 2,
        max_features=None if vocabulary else 30000, sublinear_tf=True, lowercase=False,
        token_pattern=r"(?u)\b\w\w+\b", dtype=np.float32, vocabulary=vocabulary,
    )


class TypeModel:
    """Predicts document-type probabilities from text."""

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray, coef: np.ndarray,
                 intercept: np.ndarray, classes: tuple[str, ...], trained_on: int) -> None:
        self.classes = classes
        self.trained_on = trained_on
        self._coef = coef.astype(np.float32)
        self._intercept = intercept.astype(np.float32)
        self._vocabulary = vocabulary
        self._idf = idf.astype(np.float32)
        self._vectorizer = _vectorizer(vocabulary)
        self._vectorizer.idf_ = self._idf

    @classmethod
    def train(cls, examples: Sequence[TrainingExample]) -> TypeModel:
        """Fit a model; needs at least two document types among the examples."""
        labels = [e.type_key for e in examples]
        if len(set(labels)) < 2:
            raise ModelError(
                "cần ít nhất hai loại giấy tờ đã xác nhận để học — "
                "at least two confirmed document types are needed to train"
            )
        texts = [_prepare(e.text) for e in examples]
        vectorizer = _vectorizer()
        try:
            matrix = vectorizer.fit_transform(texts)
        except ValueError:  # min_df pruned everything: too few examples
            vectorizer = _vectorizer()
            vectorizer.set_params(min_df=1)
            matrix = vectorizer.fit_transform(texts)
        classifier = SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=30, tol=1e-4,
                                   random_state=0)
        classifier.fit(matrix, labels)
        classes = tuple(str(c) for c in classifier.classes_)
        coef = np.asarray(classifier.coef_, dtype=np.float32)
        intercept = np.asarray(classifier.intercept_, dtype=np.float32)
        if len(classes) == 2:  # binary: sklearn keeps one row for the second class
            coef = np.vstack([-coef, coef])
            intercept = np.concatenate([-intercept, intercept])
        vocabulary = {str(k): int(v) for k, v in vectorizer.vocabulary_.items()}
        return cls(vocabulary, np.asarray(vectorizer.idf_), coef, intercept, classes,
                   len(examples))

    def predict(self, text: str) -> dict[str, float]:
        """Probability of each known type for ``text`` (they sum to 1)."""
        matrix = self._vectorizer.transform([_prepare(text)])
        scores = np.asarray(matrix @ self._coef.T).ravel() + self._intercept
        probs = 1.0 / (1.0 + np.exp(-np.clip(scores, -30, 30)))
        total = float(probs.sum())
        if total <= 0:
            return {}
        return {k: float(p) / total for k, p in zip(self.classes, probs, strict=True)}

    def to_bytes(self) -> bytes:
        terms = sorted(self._vocabulary, key=self._vocabulary.__getitem__)
        header = json.dumps({"format": _FORMAT, "classes": list(self.classes),
                             "terms": terms, "trained_on": self.trained_on},
                            ensure_ascii=False)
        buffer = io.BytesIO()
        np.savez_compressed(buffer, header=np.frombuffer(header.encode("utf-8"), dtype=np.uint8),
                            idf=self._idf, coef=self._coef.astype(np.float16),
                            intercept=self._intercept)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> TypeModel:
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
                header = json.loads(arrays["header"].tobytes().decode("utf-8"))
                if header.get("format") != _FORMAT:
                    raise ValueError(f"unknown format {header.get('format')!r}")
                terms = header["terms"]
                return cls({t: i for i, t in enumerate(terms)}, arrays["idf"],
                           arrays["coef"].astype(np.float32), arrays["intercept"],
                           tuple(header["classes"]), int(header["trained_on"]))
        except (OSError, ValueError, KeyError) as e:
            raise ModelError(
                f"mô hình loại giấy tờ bị hỏng ({e}) — the document-type model is unreadable"
            ) from e


def _train_to_bytes(pairs: list[tuple[str, str]]) -> bytes:
    return TypeModel.train([TrainingExample(t, k) for t, k in pairs]).to_bytes()


class BackgroundTrainer:
    """Retrains the type model in a worker process; tagging keeps the current model."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def start(self, examples: Sequence[TrainingExample],
              on_done: Callable[[TypeModel], None] | None = None) -> Future[TypeModel]:
        """Begin training; the returned future resolves to the new model."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
            )
        pairs = [(e.text, e.type_key) for e in examples]
        raw = self._pool.submit(_train_to_bytes, pairs)
        result: Future[TypeModel] = Future()

        def _finish(done: Future[bytes]) -> None:
            try:
                model = TypeModel.from_bytes(done.result())
            except BaseException as e:  # handed to whoever waits on the future
                result.set_exception(e)
                return
            result.set_result(model)
            if on_done is not None:
                on_done(model)

        raw.add_done_callback(_finish)
        return result

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
