"""Only app/config.py reads the environment: every setting is a field of its Settings.

Why: a variable read somewhere else is one nobody finds in Settings, and one the README's table
(tests/infra/test_readme_contract.py) can miss when it is read through a constant.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "app" / "config.py"
READS = re.compile(
    r"\bos\.environ\b|\benviron\.get\b|\bgetenv\b|^\s*from os import .*\b(?:environ|getenv)\b", re.M
)


def test_no_module_but_config_reads_the_environment() -> None:
    found = [
        f"{path.relative_to(REPO)}:{text.count(chr(10), 0, match.start()) + 1}: {match.group(0).strip()}"
        for path in sorted((REPO / "app").rglob("*.py"))
        if path != CONFIG
        for text in [path.read_text(encoding="utf-8")]
        for match in READS.finditer(text)
    ]
    assert found == [], "read these through app.config.get_settings():\n" + "\n".join(found)


def test_the_scan_sees_config_reading_it() -> None:
    assert READS.search(CONFIG.read_text(encoding="utf-8"))
