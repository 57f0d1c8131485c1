"""The layers of app/ hold: the import-linter contracts in pyproject.toml pass, and each back-edge an
earlier reading found (issue 12) would break one of them if it came back.

The contracts are checked through import-linter's own classes over a grimp graph of app/, so the test
needs no subprocess; the second test adds one import at a time to a copy of that graph.
"""

from __future__ import annotations

import copy
from pathlib import Path

import grimp
import pytest
from importlinter.application import use_cases
from importlinter.configuration import configure

REPO = Path(__file__).resolve().parents[2]

configure()


def _contracts() -> list:
    use_cases._register_built_in_contract_types()
    options = use_cases.read_user_options(str(REPO / "pyproject.toml"))
    contracts = []
    for contract_options in options.contracts_options:
        cls = use_cases.registry.get_contract_class(contract_options["type"])
        contracts.append(
            cls(
                name=contract_options["name"],
                session_options=options.session_options,
                contract_options=contract_options,
            )
        )
    return contracts


@pytest.fixture(scope="module")
def contracts() -> list:
    return _contracts()


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("app", include_external_packages=True, cache_dir=None)


def broken(contracts: list, graph: grimp.ImportGraph) -> list[str]:
    return [c.name for c in contracts if not c.check(copy.deepcopy(graph), verbose=False).kept]


def test_the_layers_hold(contracts: list, graph: grimp.ImportGraph) -> None:
    names = [c.name for c in contracts]
    assert len(names) == 5, names
    assert broken(contracts, graph) == []


# importer -> imported: each one of the edges that used to run back up the layers.
BACK_EDGES = [
    ("app.extract.incentives", "app.ingest.normalise"),  # extract -> ingest (the number parser's old home)
    ("app.calculator.valuation", "app.web.i18n"),  # calculator -> web (its labels now live in app.web)
    ("app.calculator.profile", "app.web.deps"),  # MAX_ID from the web's dependencies
    ("app.calculator.conditions", "app.ingest.store"),  # calculator -> ingest
    ("app.query.cache", "app.ingest.store"),  # the read side -> the write side, for one string
    ("app.web.response_cache", "app.ingest.store"),
    ("app.web.routers.api", "app.web.routers.places"),  # router -> router
    ("app.web.routers.api", "app.web.routers.incentives"),
    ("app.db", "app.places.gazetteer"),  # db -> domain
    ("app.db", "app.ingest.places"),
    ("app.web.routers.articles", "sqlmodel"),  # a router with its own queries
    ("app.web.routers.overview", "app.db"),
    ("app.export", "app.ingest.store"),
    ("app.extract.category", "sqlmodel"),  # extraction is pure
    ("app.places.recognise", "app.models"),
    ("app.models", "app.db"),
    ("app.links", "app.web.i18n"),  # addresses need no request and no language
]


@pytest.mark.parametrize(("importer", "imported"), BACK_EDGES, ids=[f"{a}->{b}" for a, b in BACK_EDGES])
def test_a_back_edge_breaks_a_contract(
    contracts: list, graph: grimp.ImportGraph, importer: str, imported: str
) -> None:
    assert importer in graph.modules and imported in graph.modules, "the test names a module that is gone"
    changed = copy.deepcopy(graph)
    changed.add_import(importer=importer, imported=imported, line_number=1, line_contents="import ...")
    assert broken(contracts, changed), f"{importer} -> {imported} would pass every contract"
