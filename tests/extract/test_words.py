"""words.toml is the extractor's vocabulary as data: every category it names is the taxonomy's, and
no word is claimed by two categories of one table (the first would win silently)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.extract.categories import IN_KIND_WORDS, MONEY_WORDS, in_kind_words, money_words
from app.vocab import CATEGORIES

WORDS = tomllib.loads((Path(__file__).resolve().parents[2] / "app/extract/words.toml").read_text("utf-8"))
SLUGS = {t.slug for t in CATEGORIES}


@pytest.mark.parametrize("table", ["money", "in_kind", "purpose"])
def test_every_category_is_a_taxonomy_slug(table: str) -> None:
    assert set(WORDS[table]) <= SLUGS


@pytest.mark.parametrize("table", ["money", "in_kind"])
def test_no_word_belongs_to_two_categories(table: str) -> None:
    seen: dict[str, str] = {}
    for category, words in WORDS[table].items():
        for w in words:
            assert seen.setdefault(w, category) == category, f"{w} in {seen[w]} and {category}"


def test_the_tables_the_code_reads_are_the_files() -> None:
    assert MONEY_WORDS["housing_subsidy"] == tuple(WORDS["money"]["housing_subsidy"])
    assert set(WORDS["package_heads"]) <= set(MONEY_WORDS["package"])
    assert IN_KIND_WORDS["talent_housing"] == tuple(WORDS["in_kind"]["talent_housing"])
    assert [w.category for w in money_words("给予50万元购房补助")] == ["housing_subsidy"]
    assert [w.category for w in in_kind_words("入住人才公寓")] == ["talent_housing"]
