"""Signature fixtures: one test PKI (TSA and OCSP on loopback) and one SoftHSM2 token per
session; the token's configuration is in this process's environment from then on."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.records.pki import SigningPki, Token, make_pki, make_token


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SigningPki]:
    made = make_pki(tmp_path_factory.mktemp("pki"))
    try:
        yield made
    finally:
        made.close()


@pytest.fixture(scope="session")
def token(tmp_path_factory: pytest.TempPathFactory, pki: SigningPki) -> Iterator[Token]:
    # SoftHSM2 reads its configuration when the library is first initialised in a process,
    # so one token serves the whole session.
    made = make_token(tmp_path_factory.mktemp("softhsm"), pki, {
        "signer": pki.signer, "expired": pki.expired})
    before = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(made.conf)
    try:
        yield made
    finally:
        if before is None:
            os.environ.pop("SOFTHSM2_CONF", None)
        else:
            os.environ["SOFTHSM2_CONF"] = before


@pytest.fixture
def trust(pki: SigningPki) -> Path:
    return pki.trust_file
