"""Read the commands out of the Dockerfile, the shell scripts and the README, for comparing them.

No Docker engine runs where the tests run, so the image can only be trusted if it runs the very
commands that the tested scripts run; these helpers reduce each file to its list of commands.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

_CONTINUATION = re.compile(r"\\\n")


@dataclass(frozen=True)
class Instruction:
    keyword: str
    args: str


def dockerfile_instructions(text: str) -> list[Instruction]:
    """Instructions in order, continuation lines joined and comments dropped."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = _CONTINUATION.sub(" ", "\n".join(lines))
    out = []
    for line in joined.splitlines():
        if line.strip():
            keyword, _, args = line.strip().partition(" ")
            out.append(Instruction(keyword.upper(), args.strip()))
    return out


def exec_form(args: str) -> list[str] | None:
    """The argv of a JSON (exec form) CMD/RUN, or None for the shell form."""
    if args.startswith("["):
        value = json.loads(args)
        assert isinstance(value, list) and all(isinstance(v, str) for v in value)
        return value
    return None


def shell_of(args: str) -> str:
    """The shell text an instruction runs: the shell form itself, or the script of `sh -c '...'`."""
    argv = exec_form(args)
    if argv is None:
        return args
    if len(argv) == 3 and argv[0] in ("sh", "/bin/sh", "bash") and argv[1] == "-c":
        return argv[2]
    return shlex.join(argv)


def split_commands(script: str) -> list[list[str]]:
    """Simple commands of a shell text, split on newlines, `&&`, `||` and `;` (no subshell parsing)."""
    commands = []
    for line in script.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        current: list[str] = []
        for token in lexer:
            if token in (";", "&&", "||", "&", "|"):
                if current:
                    commands.append(current)
                current = []
            else:
                current.append(token)
        if current:
            commands.append(current)
    return commands


def script_commands(path: Path) -> list[list[str]]:
    return split_commands(_CONTINUATION.sub(" ", path.read_text(encoding="utf-8")))


_PYTHONS = re.compile(r"^(?:.*/)?python(?:3(?:\.\d+)?)?$")


def app_invocations(commands: list[list[str]]) -> list[list[str]]:
    """The arguments after `python -m app` (any interpreter spelling: python, $PY, .venv/bin/python)."""
    out = []
    for argv in commands:
        words = argv[1:] if argv and argv[0] == "exec" else argv
        if len(words) >= 3 and words[1:3] == ["-m", "app"] and (
            _PYTHONS.match(words[0]) or words[0] in ("$PY", "${PY}")
        ):
            out.append(words[3:])
    return out


def pip_install_targets(commands: list[list[str]]) -> list[list[str]]:
    """The non-option arguments of each `pip install` (e.g. ['-e', '.']), options like --quiet dropped."""
    out = []
    for argv in commands:
        words = [w for w in argv if w not in ("-m",)]
        for i, word in enumerate(words):
            if word.endswith("pip") and words[i + 1 : i + 2] == ["install"]:
                out.append([w for w in words[i + 2 :] if w == "-e" or not w.startswith("-")])
                break
    return out


def fenced_blocks(markdown: str) -> list[str]:
    """The contents of the ``` fenced code blocks, in order."""
    return re.findall(r"^```[^\n]*\n(.*?)^```", markdown, flags=re.M | re.S)
