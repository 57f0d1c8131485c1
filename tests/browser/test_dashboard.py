"""The dashboard in a real Chromium: HTMX filtering with URL state, history, compare, language, script."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE, screenshot

pytestmark = pytest.mark.browser


def total(page) -> int:
    return int(page.locator('[data-testid="total"]').inner_text())


def mark_document(page) -> None:
    """A flag on window that a full page load would wipe: proves an update happened without reload."""
    page.evaluate("window.__atlasNoReload = true")


def still_same_document(page) -> bool:
    return page.evaluate("window.__atlasNoReload === true")


def test_category_filter_updates_results_and_url_without_reload(page) -> None:
    page.goto("/incentives")
    everything = total(page)
    mark_document(page)

    page.get_by_role("checkbox", name="购房补贴").check()
    page.wait_for_url(re.compile(r"/incentives\?category=housing_subsidy$"))
    page.wait_for_function(f"document.querySelector('[data-testid=total]').textContent != '{everything}'")
    filtered = total(page)
    assert 0 < filtered < everything
    assert still_same_document(page), "the filter reloaded the page instead of swapping the results"
    assert page.title().startswith("购房补贴 - ")
    assert page.locator(".chip").count() == 1

    url = page.url
    page.reload()
    assert page.url == url
    assert total(page) == filtered
    assert page.get_by_role("checkbox", name="购房补贴").is_checked()

    page.go_back()
    page.wait_for_url(re.compile(r"/incentives$"))
    page.wait_for_function(f"document.querySelector('[data-testid=total]').textContent == '{everything}'")
    assert not page.get_by_role("checkbox", name="购房补贴").is_checked()


def test_full_text_query_and_chip_removal(page) -> None:
    page.goto("/incentives")
    mark_document(page)
    page.get_by_label("全文检索").fill("购房补助")
    page.wait_for_url(re.compile(r"q=%E8%B4%AD"))
    page.wait_for_selector(".chip")
    assert total(page) > 0
    assert all("购房补助" in text for text in page.locator("blockquote.quote").all_inner_texts())
    page.locator(".chip").first.click()
    page.wait_for_url(re.compile(r"/incentives$"))
    page.wait_for_function("document.querySelectorAll('.chip').length === 0")
    assert page.get_by_label("全文检索").input_value() == ""
    assert still_same_document(page)


def test_compare_add_and_remove_a_place_in_place(page) -> None:
    page.goto("/compare?place=kelamayi")
    mark_document(page)
    assert page.locator("th[data-slug]").count() == 1
    page.get_by_label("添加地区").fill("akesu")
    page.get_by_test_id("add-place").click()
    page.wait_for_url(re.compile(r"place=kelamayi&place=akesu"))
    page.wait_for_selector('th[data-slug="akesu"]')
    assert page.locator("th[data-slug]").count() == 2
    assert still_same_document(page)

    offer = page.locator('th[data-slug="akesu"]').locator("xpath=ancestor::table").locator(".offer a").first
    offer.focus()
    tooltip = page.locator(".offer:focus-within .tip")
    assert tooltip.is_visible() and tooltip.inner_text().strip()

    page.get_by_label("移除 克拉玛依市").click()
    page.wait_for_url(re.compile(r"/compare\?place=akesu$"))
    page.wait_for_function("document.querySelectorAll('th[data-slug]').length === 1")


def test_language_and_script_switches_keep_the_view(page) -> None:
    page.goto("/incentives")
    page.get_by_role("checkbox", name="购房补贴").check()
    page.wait_for_url(re.compile(r"category=housing_subsidy"))
    page.wait_for_selector(".chip")

    page.get_by_role("link", name="EN", exact=True).click()
    page.wait_for_url(re.compile(r"lang=en"))
    assert "category=housing_subsidy" in page.url
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("checkbox", name="Home-purchase subsidy").is_checked()

    page.get_by_role("link", name="繁", exact=True).click()
    page.wait_for_url(re.compile(r"script=hant"))
    assert "給予一次性50萬元購房補助" in page.locator("#results").inner_text()

    page.get_by_role("link", name="Places").click()  # no lang or script in this URL: cookies remember
    assert page.locator("h1").inner_text() == "Places with data"
    assert "阿克蘇地區" in page.locator("table").inner_text()


MAIN_PAGES = {
    "overview": "/",
    "places": "/places",
    "place": "/places/akesu",
    "incentives": "/incentives?category=housing_subsidy&category=package",
    "compare": "/compare?place=kelamayi&place=akesu&place=eerduosi",
    "article": "/articles/1",
    "incentive": "/incentives/13",
    "not-found": "/places/atlantis",
}


@pytest.mark.parametrize(("viewport_name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_main_pages_render_and_fit_the_screen(page, viewport_name: str, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    for name, url in MAIN_PAGES.items():
        response = page.goto(url)
        assert response.status == (404 if name == "not-found" else 200), url
        if name == "not-found":  # Chromium logs the 404 it was asked to load
            page.console_errors[:] = [e for e in page.console_errors if "404" not in e]
        assert page.locator("h1").count() >= 1
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{url} scrolls sideways by {overflow}px at {viewport['width']}px"
        screenshot(page, f"{name}-{viewport_name}")
