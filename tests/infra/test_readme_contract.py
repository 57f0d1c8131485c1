"""The README opens with the two commands, and CI runs exactly the README's test command.

If these drift, CI proves something other than what a reader runs; and an environment variable the
app reads but the README's table omits is configuration nobody can find.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from .shell_commands import (
    app_invocations,
    dockerfile_instructions,
    fenced_blocks,
    script_commands,
    split_commands,
)

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
SERVE_COMMAND = ["bash", "scripts/serve.sh"]
TEST_COMMAND = ["bash", "scripts/test.sh"]


def _opening_commands() -> list[list[str]]:
    return split_commands(fenced_blocks(README)[0])


def test_readme_starts_with_the_two_commands() -> None:
    before_block = README.split("```", 1)[0].strip().splitlines()
    assert len(before_block) == 1 and before_block[0].startswith("# "), "only the title may come first"
    assert _opening_commands() == [SERVE_COMMAND, TEST_COMMAND]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    commands = [c for c in script_commands(REPO / ".ci/run") if c[0] not in ("set", "cd")]
    assert commands == [_opening_commands()[1]]


@pytest.mark.parametrize("script", ["serve.sh", "test.sh", "postgres.sh", "lib.sh"])
def test_scripts_are_valid_bash(script: str) -> None:
    path = REPO / "scripts" / script
    subprocess.run(["bash", "-n", str(path)], check=True)
    if script != "lib.sh":  # lib.sh is sourced, not run
        assert os.access(path, os.X_OK)


def test_the_spelled_out_serve_steps_match_serve_sh() -> None:
    """The README's long form of the first command runs what serve.sh runs."""
    long_form = next(b for b in fenced_blocks(README) if "python3 -m venv" in b)
    assert app_invocations(split_commands(long_form)) == [["ingest"], ["serve"]]
    assert app_invocations(script_commands(REPO / "scripts/serve.sh")) == [["ingest"], ["serve", "$@"]]


def _configuration_table() -> set[str]:
    section = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Z_][A-Z0-9_]*)` \|", section, flags=re.M))


def _env_vars_read(paths: list[Path]) -> set[str]:
    pattern = re.compile(r"""(?:environ\.get|environ\[|getenv)\(?\s*["']([A-Z_][A-Z0-9_]*)["']""")
    found = set()
    for path in paths:
        found |= set(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_variable_the_app_reads_is_in_the_table() -> None:
    read = _env_vars_read([*(REPO / "app").rglob("*.py"), *(REPO / "migrations").rglob("*.py")])
    assert "DATABASE_URL" in read  # the scan itself works
    assert read - _configuration_table() == set()


def test_every_variable_the_scripts_and_tests_read_is_in_the_table() -> None:
    scripts = (REPO / "scripts").glob("*.sh")
    shell_vars: set[str] = set()
    for path in scripts:
        shell_vars |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]*):-", path.read_text(encoding="utf-8")))
    read = _env_vars_read([REPO / "tests/conftest.py"]) | shell_vars
    assert {"TEST_DATABASE_URL", "TEST_BACKENDS"} <= read
    assert read - _configuration_table() == set()


def test_the_image_variables_are_in_the_table() -> None:
    instructions = dockerfile_instructions((REPO / "Dockerfile").read_text(encoding="utf-8"))
    names = {
        word.partition("=")[0]
        for inst in instructions
        if inst.keyword in ("ENV", "ARG")
        for word in inst.args.split()
        if "=" in word
    }
    ours = {n for n in names if not n.startswith(("PYTHON", "PIP_"))}  # Python's and pip's own
    assert "WORKERS" in ours
    assert ours - _configuration_table() == set()
