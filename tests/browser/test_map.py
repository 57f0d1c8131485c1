"""The map in a real Chromium: a symbol leads to its place, the measure swaps without a reload and
stays in the URL, the language switch keeps the view, and the map fits and works at a phone's width."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE, screenshot

pytestmark = pytest.mark.browser

SYMBOL = 'a.sym[href="/places/{}"]'


def test_a_symbol_shows_its_figure_on_hover_and_opens_its_place(page) -> None:
    page.goto("/map?highlight=kelamayi")
    symbol = page.locator(SYMBOL.format("kelamayi"))
    tip = page.locator("#map-tip")
    assert not tip.is_visible()
    symbol.hover()
    assert tip.is_visible() and tip.inner_text().startswith("克拉玛依市: ")
    page.locator(SYMBOL.format("akesu")).focus()  # the keyboard gets the same caption
    assert tip.inner_text().startswith("阿克苏地区: ")
    screenshot(page, "map-desktop")
    symbol.click()
    page.wait_for_url(re.compile(r"/places/kelamayi$"))
    assert page.locator("h1").inner_text() == "克拉玛依市"
    page.get_by_test_id("on-the-map").click()  # and back: the place page links its place on the map
    page.wait_for_url(re.compile(r"/map\?highlight=kelamayi$"))
    assert page.locator(SYMBOL.format("kelamayi")).get_attribute("class") == "sym hl"


def test_the_measure_swaps_the_map_in_place_and_the_url_keeps_it(page) -> None:
    page.goto("/map")
    before = page.locator(SYMBOL.format("kelamayi") + " title").text_content()
    page.evaluate("window.__atlasNoReload = true")
    page.get_by_test_id("measure-offers").check()
    page.wait_for_url(re.compile(r"/map\?measure=offers$"))
    page.wait_for_function(
        "(before) => document.querySelector('a.sym[href=\"/places/kelamayi\"] title').textContent !== before",
        arg=before,
    )
    after = page.locator(SYMBOL.format("kelamayi") + " title").text_content()
    assert re.fullmatch(r"克拉玛依市: \d+", after)
    assert page.evaluate("window.__atlasNoReload === true"), "the measure reloaded the page"
    assert page.locator("h2#map-h").inner_text() == "待遇条数"

    page.get_by_role("checkbox", name="购房补贴").check()
    page.wait_for_url(re.compile(r"/map\?category=housing_subsidy&measure=offers$"))
    url = page.url
    page.reload()  # a copied link shows the same map
    assert page.url == url and page.get_by_test_id("measure-offers").is_checked()
    page.get_by_role("link", name="EN", exact=True).click()
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.locator("h1").inner_text() == "Map of talent offers"
    assert page.get_by_test_id("measure-offers").is_checked()
    assert page.get_by_role("checkbox", name="Home-purchase subsidy").is_checked()
    screenshot(page, "map-en-offers")


def test_the_map_fits_a_phone_and_a_tap_opens_the_place(page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/map?highlight=kelamayi")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the map page scrolls sideways by {overflow}px"
    box = page.get_by_test_id("map").bounding_box()
    assert box is not None and box["width"] <= PHONE["width"] and box["height"] > 200
    screenshot(page, "map-phone")
    page.locator(SYMBOL.format("kelamayi")).click()
    page.wait_for_url(re.compile(r"/places/kelamayi$"))
    page.set_viewport_size(DESKTOP)


def test_the_map_prints_without_its_form(page) -> None:
    page.goto("/map")
    page.emulate_media(media="print")
    assert not page.locator("#map-filters").is_visible()
    assert page.get_by_test_id("map").is_visible() and page.get_by_test_id("map-table").is_visible()
