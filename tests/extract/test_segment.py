"""Every sentence of an article gets the role it plays, which later stages read instead of guessing."""

from __future__ import annotations

from app.extract.article import extract
from app.extract.segment import segment


def _roles(text: str) -> list[tuple[str, str]]:
    return [(s.role, s.sentence.text) for s in segment(text)]


def test_headings_list_items_and_body() -> None:
    text = (
        "第三条 安家补贴\n"
        "（一）对新引进的全日制博士研究生给予一次性30万元安家费。\n"
        "一是实施青年人才驿站计划，为来本市求职的高校毕业生提供免费住宿。\n"
        "全市各类人才总量突破10万人。\n"
    )
    assert [r for r, _ in _roles(text)] == ["heading", "list_item", "list_item", "body"]


def test_a_flattened_table_has_a_header_and_rows_with_its_columns() -> None:
    text = "人才类别 安家费 生活补贴\n博士研究生 20万元 每月3000元\n硕士研究生 10万元 每月2000元\n以上标准自2024年起执行。\n"
    found = segment(text)
    assert [s.role for s in found] == ["table_header", "table_row", "table_row", "body"]
    assert found[1].columns == ("人才类别", "安家费", "生活补贴")
    assert found[3].columns is None


def test_a_qa_page_has_questions_and_answers() -> None:
    text = "问：新引进的博士研究生在本市购房可以享受哪些补贴呢？\n答：可申请最高50万元购房补贴。\n"
    assert [r for r, _ in _roles(text)] == ["question", "answer"]


def test_the_context_of_a_figure_starts_at_the_heading_before_it() -> None:
    # the sentence before the heading is another topic's; the heading names the figures under it
    text = "对新引进人才提供人才公寓。\n第三条 安家补贴标准\n博士5万元,硕士3万元。\n"
    rows = [(f.category, f.amount_yuan) for f in extract(text).incentives if f.amount_yuan]
    assert rows == [("settling_allowance", 50_000), ("settling_allowance", 30_000)]
