"""The Dockerfile runs the same commands as scripts/serve.sh and the README: no second, untested path.

No Docker engine runs where the tests run, so `docker build` is never exercised here. What is
checked instead: each `python -m app ...` the image runs is one serve.sh runs (and the serve
arguments parse with the real CLI), the install is serve.sh's install, the image does not run as
root, and its HEALTHCHECK asks /healthz.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from app.cli import build_parser

from .shell_commands import (
    Instruction,
    app_invocations,
    dockerfile_instructions,
    exec_form,
    fenced_blocks,
    pip_install_targets,
    script_commands,
    shell_of,
    split_commands,
)

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def instructions() -> list[Instruction]:
    return dockerfile_instructions((REPO / "Dockerfile").read_text(encoding="utf-8"))


def _all(instructions: list[Instruction], keyword: str) -> list[Instruction]:
    return [i for i in instructions if i.keyword == keyword]


def _run_commands(instructions: list[Instruction]) -> list[list[str]]:
    return [cmd for i in _all(instructions, "RUN") for cmd in split_commands(shell_of(i.args))]


def _cmd_commands(instructions: list[Instruction]) -> list[list[str]]:
    (cmd,) = _all(instructions, "CMD")
    return split_commands(shell_of(cmd.args))


def _env_defaults(instructions: list[Instruction]) -> dict[str, str]:
    env: dict[str, str] = {}
    for inst in _all(instructions, "ENV"):
        for word in shlex.split(inst.args):
            key, sep, value = word.partition("=")
            if sep:
                env[key] = value
    return env


def _substitute(words: list[str], env: dict[str, str]) -> list[str]:
    return [re.sub(r"\$\{?(\w+)\}?", lambda m: env[m.group(1)], w) for w in words]


def test_base_image_is_small_python_311(instructions: list[Instruction]) -> None:
    assert instructions[0].keyword == "FROM"
    assert instructions[0].args == "python:3.11-slim"


def test_image_installs_like_serve_sh(instructions: list[Instruction]) -> None:
    docker_pip = pip_install_targets(_run_commands(instructions))
    assert docker_pip == [["-e", "."]], "the image must install the package from pyproject.toml"
    # serve.sh installs through lib.sh's ensure_venv without extras, whose plain branch is `-e .`.
    serve = script_commands(REPO / "scripts/serve.sh")
    assert ["ensure_venv"] in serve
    assert ["-e", "."] in pip_install_targets(script_commands(REPO / "scripts/lib.sh"))


def test_image_runs_only_commands_serve_sh_runs(instructions: list[Instruction]) -> None:
    serve_sh = app_invocations(script_commands(REPO / "scripts/serve.sh"))
    build = app_invocations(_run_commands(instructions))
    run = app_invocations(_cmd_commands(instructions))
    assert build == [["ingest"]], "seeds are ingested at build time with the default `python -m app ingest`"
    assert build[0] in serve_sh
    assert [r[0] for r in run] == ["serve"]
    assert ["serve", "$@"] in serve_sh, "serve.sh passes its arguments through to `python -m app serve`"


def test_cmd_arguments_parse_with_the_real_cli(instructions: list[Instruction]) -> None:
    (run,) = app_invocations(_cmd_commands(instructions))
    args = build_parser().parse_args(_substitute(run, _env_defaults(instructions)))
    assert (args.command, args.host, args.port) == ("serve", "0.0.0.0", 8000)
    assert args.workers >= 1
    assert "$WORKERS" in run or "${WORKERS}" in run, "the worker count comes from the environment"


def test_cmd_execs_the_server(instructions: list[Instruction]) -> None:
    """The server must be PID 1's image (exec), so `docker stop`'s SIGTERM reaches it."""
    (cmd,) = _all(instructions, "CMD")
    argv = exec_form(cmd.args)
    assert argv is not None, "exec form, so no shell stays in between"
    assert argv[:2] == ["sh", "-c"] and argv[2].startswith("exec ")


def test_runs_as_non_root_from_the_ingest_on(instructions: list[Instruction]) -> None:
    keywords = [i.keyword for i in instructions]
    users = _all(instructions, "USER")
    assert users and users[-1].args not in ("root", "0"), "the server must not run as root"
    user_at = keywords.index("USER")
    ingest_at = next(n for n, i in enumerate(instructions) if i.keyword == "RUN" and "app ingest" in i.args)
    assert user_at < ingest_at, "the database file must belong to the user that serves it"
    assert re.search(rf"useradd\b.*\b{users[-1].args}\b", " ".join(i.args for i in _all(instructions, "RUN")))


def test_healthcheck_asks_healthz(instructions: list[Instruction]) -> None:
    (check,) = _all(instructions, "HEALTHCHECK")
    assert "CMD python -c" in check.args and "urllib.request.urlopen" in check.args
    assert "http://127.0.0.1:8000/healthz" in check.args
    assert _all(instructions, "EXPOSE")[0].args == "8000"


def test_database_url_is_left_to_the_environment(instructions: list[Instruction]) -> None:
    """Not fixed in the image: unset means the seeded SQLite, `-e DATABASE_URL=...` another database."""
    assert "DATABASE_URL" not in _env_defaults(instructions)
    assert not [a for a in _all(instructions, "ARG") if "DATABASE_URL" in a.args]


def test_readme_documents_the_image_commands(instructions: list[Instruction]) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (run,) = app_invocations(_cmd_commands(instructions))
    documented = "python -m app " + " ".join(run).replace("${WORKERS}", "$WORKERS")
    assert documented in readme
    docker_block = next(b for b in fenced_blocks(readme) if "docker build" in b)
    assert "docker run -p 8000:8000 talent-policy-atlas" in docker_block


def test_dockerignore_keeps_what_the_image_needs() -> None:
    ignored = {
        line.strip().rstrip("/")
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    needed = {"app", "migrations", "seeds", "templates", "static", "pyproject.toml", "README.md"}
    assert not needed & ignored
    assert {".git", ".venv", "data"} <= ignored, "local state must not leak into the image"
