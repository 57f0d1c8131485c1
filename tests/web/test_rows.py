"""A listing's row as the template receives it: labels, amounts, addresses and dates, per language."""

from __future__ import annotations

from datetime import date

from app.models import Incentive
from app.query.incentives import IncentiveRow
from app.web.i18n import Prefs, to_traditional
from app.web.rows import incentive_items, row_views


def _row(**changes: object) -> IncentiveRow:
    fields: dict[str, object] = dict(
        id=7,
        article_id=3,
        place_id=1,
        province_code="650000",
        published=date(2024, 8, 7),
        category="housing_subsidy",
        amount_yuan=500_000,
        amount_kind="up_to",
        period=None,
        targets=["全职引进的博士"],
        target_levels=["doctorate"],
        conditions="在克拉玛依市购买首套住房",
        quote="全职引进的博士,在克拉玛依市购买首套住房的,给予最高50万元购房补贴。",
        quote_start=0,
        quote_end=10,
    )
    fields.update(changes)
    return IncentiveRow(
        incentive=Incentive(**fields),
        place_name="克拉玛依市",
        place_slug="kelamayi",
        province_name="新疆维吾尔自治区",
        article_title="克拉玛依市人才新政",
        article_source="克拉玛依日报",
        article_published=date(2024, 8, 7),
    )


def test_a_row_in_chinese_carries_every_label_and_address() -> None:
    [view] = row_views(Prefs(), [_row()])
    assert (view.category, view.amount, view.place) == ("购房补贴", "最高 50万元", "克拉玛依市")
    assert view.href == "/incentives/7" and view.place_href == "/places/kelamayi"
    assert view.article_href == "/articles/3#incentive-7"
    assert view.targets == "全职引进的博士" and view.levels == ("博士",)
    assert view.published == "2024-08-07" and view.outdated is False
    assert view.labels.who == "适用对象"


def test_a_row_in_english_and_in_traditional_characters() -> None:
    [english] = row_views(Prefs("en"), [_row()])
    assert english.category == "Home-purchase subsidy" and english.amount == "Up to ¥500,000"
    assert english.place == "Kelamayi City (克拉玛依市)" and english.levels == ("Doctorate",)
    [hant] = row_views(Prefs("zh", "hant"), [_row()])
    assert hant.quote == to_traditional(_row().incentive.quote) and "購房補貼" in hant.quote
    assert hant.place == "克拉瑪依市"


def test_an_in_kind_old_offer_without_a_place() -> None:
    row = _row(amount_yuan=None, amount_kind=None, published=date(2015, 1, 1), targets=[], target_levels=[])
    row = IncentiveRow(row.incentive, None, None, None, None, None, None)
    [view] = row_views(Prefs(), [row])
    assert view.amount == "" and view.labels.in_kind == "实物/服务"
    assert view.place_href is None and view.targets == "" and view.outdated is True
    assert view.article_title == "未知" and view.published is None


def test_rows_markup_escapes_the_article_text_and_drops_the_place_on_its_own_page() -> None:
    hostile = _row(quote="补贴<script>alert(1)</script>", conditions='条件 "a" & b')
    html = str(incentive_items(Prefs(), [hostile, _row(published=date(2015, 1, 1))]))
    assert html.count('<li><article class="incentive"') == 2
    assert "<script>" not in html and "补贴&lt;script&gt;" in html
    assert "条件 &#34;a&#34; &amp; b" in html
    assert '<a class="place-link" href="/places/kelamayi">克拉玛依市</a>' in html
    assert '<span class="tag">博士</span>' in html and html.count('data-testid="outdated"') == 1
    assert 'class="place-link"' not in str(incentive_items(Prefs(), [_row()], show_place=False))
    assert str(incentive_items(Prefs(), [])) == ""
