"""A result's own record is signed like a dossier's: ``sohoa result pack ID --sign``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dossier import import_paths
from dossier.results import create_result, update_result
from dossier.signing import SignatureState, package_signature
from storage import Workspace
from storage import dossiers as dossier_store
from tests.dossier import samples
from tests.records.pki import P12_PASSPHRASE, SigningPki
from tests.workspaces import init_workspace

REPO = Path(__file__).resolve().parents[2]


def test_result_record_signed_from_the_command_line(workspace: Workspace, tmp_path: Path,
                                                     pki: SigningPki) -> None:
    ws = workspace
    dossier_id = dossier_store.create_dossier(ws, code="000.00.06.H56-251003-0001",
                                              procedure_code="1.001193")
    folder = tmp_path / "kq"
    folder.mkdir()
    samples.write_png(folder / "01.png", "GIAY KHAI SINH")
    pages = import_paths(ws, [folder]).pages_added
    result_id = create_result(ws, pages, dossier_id=dossier_id)
    update_result(ws, result_id, confirm=True, number_symbol="12/2025/TLKS",
                  date_signed="04/10/2025", signer="Lê Văn Tám",
                  agency="Ủy ban nhân dân xã An Bình")
    root = ws.root
    ws.close()
    env = dict(os.environ, SOHOA_SIGN_PIN=P12_PASSPHRASE)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "cli", "--workspace", str(init_workspace(root)), "result", "pack",
         str(result_id), "--out", str(out), "--sign", "--pkcs12", str(pki.signer_p12),
         "--stamp", "invisible"],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    [package] = out.glob("*.KQ.zip")
    signature = package_signature(package, pki.trust_file)
    assert signature.state == SignatureState.SIGNED, signature
    # Without --sign it stays unsigned (and says so).
    unsigned = subprocess.run(
        [sys.executable, "-m", "cli", "--workspace", str(root), "result", "pack",
         str(result_id), "--out", str(tmp_path / "plain")],
        capture_output=True, text=True, cwd=REPO, timeout=300)
    assert unsigned.returncode == 0, unsigned.stderr
    [plain] = (tmp_path / "plain").glob("*.KQ.zip")
    assert package_signature(plain, pki.trust_file).state == SignatureState.UNSIGNED
