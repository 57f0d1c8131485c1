"""The explorer's rows as CSV for spreadsheets, formula-safe through app.tabular, spooled.

The columns are app.export.records' IncentiveRecord, the same as `python -m app export incentives
--format csv`: slugs and raw yuan for machines plus labels in the reader's language for people; data
text follows the 简/繁 choice like the page the CSV was linked from. Rows are encoded in
chunks as the database yields them into a spool (memory, then a temporary file past
SPOOL_MEMORY_BYTES), which the response then sends: a large export never sits whole in memory, and
the download holds no database connection (app.web.routers.incentives says why).
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO

from sqlalchemy import Row

from app.export.records import INCENTIVE_COLUMNS, record
from app.tabular import BOM, safe_cell
from app.web.i18n import Prefs

CHUNK_ROWS = 500
SPOOL_MEMORY_BYTES = 4 * 1024 * 1024  # the response cache keeps bodies up to 8 MB; most exports are far less
READ_BYTES = 64 * 1024


def _cells(row: Row, prefs: Prefs) -> list[str]:
    return [safe_cell(v) for v in record(row, prefs.category, prefs.data).values()]


def csv_chunks(rows: Iterable[Row], prefs: Prefs) -> Iterator[bytes]:
    """UTF-8 with a BOM (Excel reads the Chinese correctly), CRLF lines, a chunk per CHUNK_ROWS rows."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    buf.write(BOM)
    writer.writerow(INCENTIVE_COLUMNS)
    for n, row in enumerate(rows, start=1):
        writer.writerow(_cells(row, prefs))
        if n % CHUNK_ROWS == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")


def spooled_csv(rows: Iterable[Row], prefs: Prefs) -> IO[bytes]:
    """The whole CSV in a spool, rewound: memory up to SPOOL_MEMORY_BYTES, a temporary file past it."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY_BYTES)  # noqa: SIM115 - closed by spool_chunks
    try:
        for chunk in csv_chunks(rows, prefs):
            spool.write(chunk)
    except BaseException:
        spool.close()  # a failed export leaves no temporary file behind
        raise
    spool.seek(0)
    return spool


def spool_size(spool: IO[bytes]) -> int:
    position = spool.tell()
    size = spool.seek(0, io.SEEK_END)
    spool.seek(position)
    return size


def spool_chunks(spool: IO[bytes]) -> Iterator[bytes]:
    """The spool's bytes in READ_BYTES pieces; the spool (and its file, if any) closes once all is
    sent, or when a client that went away drops the generator."""
    with spool:
        while chunk := spool.read(READ_BYTES):
            yield chunk
