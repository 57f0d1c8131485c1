"""Saved web pages, PDF and Word notices (issue 15): each gives the incentives its article text
alone gives, and nothing of the page, the layout or the file format around it.

The fixtures in sources/ are written like the real thing: a news page with navigation, an inline
script full of numbers, share buttons, related links to other cities' offers, comments and a footer;
a GBK government page that declares gb2312, with its 索引号 table and attachment list; a notice
exported to PDF with a masthead, broken lines, a page break inside a sentence and page numbers; the
same notice in Word with its tiers in a table. make_documents.py rebuilds the binary ones.
"""

from __future__ import annotations

import email.charset
import email.generator
import email.mime.multipart
import email.mime.text
import io
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import Session

from app.db import make_engine
from app.ingest.formats import read_document
from app.ingest.formats.html import declared_charset
from app.ingest.formats.pdf import Line, drop_furniture, reflow
from app.ingest.formats.sniff import sniff
from app.ingest.pipeline import ingest_paths
from app.ingest.process import process_article
from app.ingest.read import UnreadableArticle
from app.models import Article
from app.web.factory import create_app
from tests.ingest.helpers import REPO

SOURCES = Path(__file__).parent / "sources"


def _raw(name: str) -> bytes:
    return (SOURCES / name).read_bytes()


def _offers(name: str, raw: bytes | None = None) -> list[tuple[object, ...]]:
    """What a user sees of each incentive: kind, amount, who, and the sentence (white space aside:
    a PDF keeps no indents)."""
    item = process_article(name, _raw(name) if raw is None else raw)
    return [
        (f.category, f.amount_yuan, tuple(f.targets), re.sub(r"\s+", "", f.quote))
        for f in item.extraction.incentives
    ]


SAME_AS_TEXT = [
    ("news.html", "news.txt", "html"),
    ("gov.html", "notice.txt", "html"),
    ("notice.docx", "notice.txt", "docx"),
    ("notice.pdf", "notice_prose.txt", "pdf"),
]


@pytest.mark.parametrize(("document", "text", "kind"), SAME_AS_TEXT)
def test_a_document_gives_the_incentives_of_its_text_alone(document: str, text: str, kind: str) -> None:
    expected = _offers(text)
    assert len(expected) >= 8  # the fixtures are rich enough to mean something
    assert _offers(document) == expected
    item = process_article(document, _raw(document))
    plain = process_article(text, _raw(text))
    assert item.format == kind
    assert item.raw == _raw(document)  # the original bytes are kept, as for .txt
    assert (item.meta.title, item.meta.published, item.meta.source) == (
        plain.meta.title,
        plain.meta.published,
        plain.meta.source,
    )
    assert item.place is not None and plain.place is not None
    assert item.place.place.adcode == plain.place.place.adcode


def test_nothing_of_the_news_page_around_the_article_reaches_the_text() -> None:
    document = read_document(_raw("news.html"))
    for junk in (
        "9990000",  # an inline script's number
        "300万元大奖",
        "点击领取",  # a stylesheet's content
        "首付10万元",  # an advertisement's alt text
        "苏州发布人才安居新政",  # related links: other cities' offers
        "扬州",
        "什么时候能到账",  # comments
        "分享到",
        "ICP备",
        "您当前的位置",
        "<",
    ):
        assert junk not in document.text, junk
    assert document.text.startswith("南通出台青年人才新政 博士来通最高可获30万元购房补贴\n")
    assert document.meta.url == "https://www.ntnews.example.cn/2024/0516/article_88231.html"
    amounts = [f.amount_yuan for f in process_article("news.html", _raw("news.html")).extraction.incentives]
    assert 9_990_000 not in amounts
    assert amounts.count(300_000) == 1  # the headline, the <title> and the body are one offer


def test_a_government_page_is_read_in_the_charset_it_declares() -> None:
    raw = _raw("gov.html")
    assert declared_charset(raw) == ("gb18030",)  # gb2312 is read as its superset, as browsers do
    document = read_document(raw)
    assert document.encoding == "gb18030"
    assert "附件" not in document.text and "扫一扫" not in document.text and "网站标识码" not in document.text
    assert "硕士最高可获20万元" not in document.text  # a related reading's headline
    assert document.text.count("临平区高层次人才引进培育实施办法") == 1
    assert document.meta.published == date(2024, 3, 20)
    assert document.meta.source == "临平区人才工作领导小组办公室"  # its ContentSource meta


def test_a_declaration_the_bytes_contradict_is_passed_over() -> None:
    """A page re-saved as UTF-8 by a browser that still says gb2312."""
    page = _raw("gov.html").decode("gb18030").encode("utf-8")
    document = read_document(page)
    assert document.encoding == "utf-8"
    assert _offers("gov.html", page) == _offers("notice.txt")


def test_the_page_url_is_its_canonical_link_then_its_open_graph_url() -> None:
    page = _raw("news.html").decode("utf-8")
    without_canonical = re.sub(r'<link rel="canonical"[^>]*>', "", page)
    og = "https://www.ntnews.example.cn/2024/0516/article_88231.html"
    assert read_document(without_canonical.encode()).meta.url == og
    relative = re.sub(r'<meta property="og:url"[^>]*>', "", without_canonical).replace(
        '<meta charset="utf-8">', '<meta charset="utf-8"><link rel="canonical" href="/2024/0516/a.html">'
    )
    assert read_document(relative.encode()).meta.url is None  # a relative link names no page


def test_a_page_saved_as_one_file_mhtml_is_read_like_the_page() -> None:
    """Chrome's "Webpage, Single File": a MIME message with the page as quoted-printable GBK."""
    message = email.mime.multipart.MIMEMultipart("related")
    message["Snapshot-Content-Location"] = "https://www.linping.gov.example.cn/art/2024/3/20/art_7512345.html"
    charset = email.charset.Charset("gb2312")
    charset.body_encoding = email.charset.QP
    page = email.mime.text.MIMEText(_raw("gov.html").decode("gb18030"), "html", charset)
    page["Content-Location"] = "https://www.linping.gov.example.cn/art/2024/3/20/art_7512345.html"
    message.attach(page)
    buffer = io.BytesIO()
    email.generator.BytesGenerator(buffer).flatten(message)
    raw = buffer.getvalue()
    assert sniff(raw) == "mhtml"
    document = read_document(raw)
    assert document.format == "mhtml"
    assert document.meta.url == "https://www.linping.gov.example.cn/art/2024/3/20/art_7512345.html"
    assert _offers("gov.mhtml", raw) == _offers("notice.txt")


def test_a_page_with_no_article_is_refused() -> None:
    front = "<!DOCTYPE html><html><head><title>首页</title></head><body><nav><a href='/'>首页</a></nav></body></html>"
    with pytest.raises(UnreadableArticle, match="no article text"):
        read_document(front.encode())


def test_pdf_lines_run_on_to_the_margin_and_across_a_page_break() -> None:
    def line(page: int, x0: float, x1: float, text: str) -> Line:
        return Line(page, x0, x1, 16.0, text)

    lines = [
        line(0, 200, 400, "临平区人才新政"),  # centred title: ends short of the margin
        line(0, 110, 560, "　　第二条 对新引进的全职博士研究生，给予40万元安家补贴；对"),
        line(0, 78, 560, "新引进的全职硕士研究生，给予15万元安家补贴。"),  # ends a sentence
        line(0, 78, 300, "安家补贴分三年发放"),  # ends short
        line(0, 110, 560, "　　第三条 对首次购房的人才给予购房补贴，博士最高30"),
        line(0, 290, 330, "— 1 —"),
        line(1, 78, 200, "万元。"),
        line(1, 110, 300, "　　第四条 另行规定。"),
        line(1, 290, 330, "— 2 —"),
    ]
    text = reflow(drop_furniture(lines, pages=2))
    assert text.split("\n") == [
        "临平区人才新政",
        "第二条 对新引进的全职博士研究生，给予40万元安家补贴；对新引进的全职硕士研究生，给予15万元安家补贴。",
        "安家补贴分三年发放",
        "第三条 对首次购房的人才给予购房补贴，博士最高30万元。",
        "第四条 另行规定。",
    ]


def test_a_running_head_on_every_page_is_not_the_text() -> None:
    body = ["对博士给予30万元安家补贴。", "对硕士给予10万元安家补贴。", "对本科给予5万元安家补贴。"]
    lines = [Line(p, 78, 300, 16.0, t) for p in range(3) for t in ("临人才办〔2024〕3号", body[p], f"第 {p + 1} 页 共 3 页")]
    assert [x.text for x in drop_furniture(lines, pages=3)] == body


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("scan.pdf", "a scanned PDF with no text layer (2 pages of images); it needs OCR"),
        ("encrypted.pdf", "an encrypted PDF; it needs a password"),
    ],
)
def test_a_pdf_without_readable_text_is_refused_with_the_reason(name: str, reason: str) -> None:
    with pytest.raises(UnreadableArticle, match=re.escape(reason)):
        read_document(_raw(name))


def test_a_pdf_locked_only_against_copying_is_read() -> None:
    assert read_document(_raw("copy_protected.pdf")).text == "临平区人才新政：对新引进的全职博士研究生，给予40万元安家补贴。"


def test_a_damaged_pdf_is_refused() -> None:
    with pytest.raises(UnreadableArticle, match="damaged PDF"):
        read_document(_raw("notice.pdf")[:3000])


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_table_reads_a_merged_cell_once_and_skips_heads_and_feet() -> None:
    def build(document) -> None:
        document.sections[0].header.paragraphs[0].text = "内部资料 注意保存"
        document.sections[0].footer.paragraphs[0].text = "第 1 页"
        document.add_paragraph("昌吉州人才引进待遇标准")
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 0).merge(table.cell(0, 2)).text = "附表 人才待遇"
        for r, row in enumerate([["类别", "安家费", "生活补贴"], ["博士", "30万元", "每月3000元"]], start=1):
            for c, text in enumerate(row):
                table.cell(r, c).text = text

    assert read_document(_docx(build)).text == "昌吉州人才引进待遇标准\n附表人才待遇\n类别 安家费 生活补贴\n博士 30万元 每月3000元"


def test_a_word_file_with_no_text_is_refused() -> None:
    with pytest.raises(UnreadableArticle, match="a Word document with no text"):
        read_document(_docx(lambda d: None))


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\xef\xbb\xbf\n  <!DOCTYPE html><html>", "html"),
        (b'<?xml version="1.0" encoding="gb2312"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "html"),
        (b"<!-- saved from url=(0042)https://example.cn/ -->\n<html>", "html"),
        ("<html>".encode("utf-16"), "html"),
        ("人才新政：对博士给予<b>30万元</b>补贴。".encode(), "text"),  # markup inside a text article
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related", "mhtml"),
    ],
)
def test_the_format_is_told_by_content_not_name(raw: bytes, kind: str) -> None:
    assert sniff(raw) == kind


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Word 97-2003 (.doc)"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "an image (PNG)"),
        (b"PK\x03\x04garbage", "a damaged ZIP"),
    ],
)
def test_formats_we_cannot_read_are_refused_with_what_to_do(raw: bytes, reason: str) -> None:
    with pytest.raises(UnreadableArticle, match=re.escape(reason)):
        sniff(raw)


def test_a_zip_that_is_no_word_file_is_refused() -> None:
    for part, reason in (("xl/workbook.xml", "a spreadsheet"), ("notes.txt", "a ZIP archive; unpack it first")):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr(part, "x")
        with pytest.raises(UnreadableArticle, match=re.escape(reason)):
            sniff(buffer.getvalue())


def test_a_folder_of_documents_with_misleading_names_is_ingested_by_content(
    database_url: str, tmp_path: Path
) -> None:
    """What a user's download folder looks like: a PDF saved as .aspx, a page with no extension, a
    Word file and a scan. Each is read by what it is; the article page links the original page."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "download.aspx").write_bytes(_raw("notice.pdf"))
    (folder / "art_88231").write_bytes(_raw("news.html"))
    (folder / "申报通知.docx").write_bytes(_raw("notice.docx"))
    (folder / "扫描件.pdf").write_bytes(_raw("scan.pdf"))
    engine = make_engine(database_url)
    try:
        report = ingest_paths([folder], engine)
        outcome = {r.file_name: (r.status, r.incentives, r.error) for r in report.results}
        assert outcome["扫描件.pdf"][0] == "failed"
        assert "a scanned PDF with no text layer" in (outcome["扫描件.pdf"][2] or "")
        assert {n: o[:2] for n, o in outcome.items() if n != "扫描件.pdf"} == {
            "art_88231": ("added", len(_offers("news.txt"))),
            "download.aspx": ("added", len(_offers("notice_prose.txt"))),
            "申报通知.docx": ("added", len(_offers("notice.txt"))),
        }
        with Session(engine) as session:
            stored = {a.file_name: a for a in session.scalars(select(Article))}
            page = stored["art_88231"]
            assert (page.format, page.encoding, page.raw_bytes) == ("html", "utf-8", _raw("news.html"))
            assert page.url == "https://www.ntnews.example.cn/2024/0516/article_88231.html"
            assert (stored["download.aspx"].format, stored["download.aspx"].url) == ("pdf", None)
            article_id = page.id
        with TestClient(create_app(database_url)) as client:
            html = client.get(f"/articles/{article_id}").text
            listed = client.get("/incentives?place=nantong").text
            incentive_page = client.get(re.search(r'href="(/incentives/\d+)"', listed).group(1)).text
        assert 'href="https://www.ntnews.example.cn/2024/0516/article_88231.html"' in incentive_page
        assert 'data-testid="original-page"' in html
        assert 'href="https://www.ntnews.example.cn/2024/0516/article_88231.html"' in html
        assert "(HTML)" in html and "<script" not in html.split('data-testid="article-text"')[1].split("</div>")[0]
    finally:
        engine.dispose()


def test_the_assets_folder_of_a_saved_page_is_skipped_with_its_reason(database_url: str, tmp_path: Path) -> None:
    """A browser saving a page "complete" writes x.html and x_files/ with its images and scripts:
    one article, and one line saying what the folder is, not a failure per image."""
    folder = tmp_path / "saved"
    (folder / "南通人才新政_files").mkdir(parents=True)
    (folder / "南通人才新政.html").write_bytes(_raw("news.html"))
    (folder / "南通人才新政_files" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (folder / "南通人才新政_files" / "main.js").write_text("var price = 9990000;")
    (folder / "other_files").mkdir()  # no page of that name beside it: read as usual
    (folder / "other_files" / "note.txt").write_bytes(_raw("news.txt"))
    engine = make_engine(database_url)
    try:
        report = ingest_paths([folder], engine)
    finally:
        engine.dispose()
    assert [r.line() for r in report.results if r.status == "skipped"] == [
        "- 南通人才新政_files: skipped, the images and scripts of 南通人才新政.html"
    ]
    assert {r.file_name: r.status for r in report.results if r.status != "skipped"} == {
        "南通人才新政.html": "added",
        "other_files/note.txt": "added",
    }


def test_the_format_libraries_load_only_when_a_file_of_their_kind_arrives() -> None:
    """They take half a second to import: the web server and a text ingest never pay for them."""
    code = (
        "import sys; import app.web.factory; from app.ingest.process import process_article; "
        "process_article('a.txt', '对博士给予30万元购房补贴。'.encode()); "
        "print(sorted(m for m in ('trafilatura', 'pdfminer', 'docx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]"
