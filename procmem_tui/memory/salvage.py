"""The rows of a library file with a damaged page that can still be read, copied into memory (``procmem doctor``).

SQLite refuses a query that walks onto a damaged page, so one bad page of episodes would hide every episode, skill
and piece of knowledge of the file from ``doctor --repair``. Like SQLite's ``.recover`` we save what can be read:
each table is read in rowid order, and where a read fails the first rowid past the damage is found by bisection
(a read that starts beyond the damaged page's rows does not walk onto it), and reading goes on from there. The
file is only read (``mode=ro``); the copy lives in memory and ``doctor`` checks its rows as it checks any file's.

A file cut short (a copy stopped half way, a full disk) is shorter than its header says; SQLite refuses such a
file outright, unless the connection's ``writable_schema`` is on (then it reads the pages that are there, and a
page past the end is a damaged page like any other). So the salvage turns it on, on a connection that cannot
write. A file cut before its schema's page, or before SQLite's header, has nothing to read: it is refused,
saying so, and left as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from procmem_tui.memory.schema import APP_ID, SCHEMA_VERSION
from procmem_tui.memory.store_file import StoreError, cut_short, open_read_only

TABLES = ("meta", "skills", "episodes", "knowledge")
_LOWEST, _HIGHEST = -(2 ** 63), 2 ** 63 - 1  # SQLite's rowids


class Salvaged(sqlite3.Connection):
    """An in-memory copy of what could be read; ``losses`` names, per table, the rowids a damaged page hid;
    ``integrity``, what SQLite's integrity check found (set by ``doctor``; a damaged index page hides no row)."""

    losses: list[tuple[str, str]]
    integrity: str | None = None


def readable_copy(path: Path) -> Salvaged:
    """Every row of the library's tables that can be read, with the file's schema and version; raises
    ``StoreError`` when not even the schema or the meta row that says the file is ours can be read."""
    source = _open(path)
    memory = sqlite3.connect(":memory:", isolation_level=None, factory=Salvaged)
    memory.losses = []
    try:
        try:
            schema_rows = source.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL").fetchall()
            version = source.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            short = cut_short(path)
            reason = f"{short}; its schema is not in what is left" if short else str(exc)
            raise StoreError(f"{path}: the library is damaged ({reason}): nothing in it can be read, so nothing "
                             "can be saved; the file is left as it was") from None
        tables = [name for kind, name, _ in schema_rows if kind == "table" and name in TABLES]
        for kind, name, sql in schema_rows:
            if kind == "table" and name in TABLES:
                memory.execute(sql)
        short = cut_short(path)
        if short:
            memory.losses.append(("file", f"{short}; what is there was read"))
        for table in tables:
            _copy_readable(source, memory, table)
        meta = dict(memory.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
        if meta.get("app_id") != APP_ID:
            short = cut_short(path)
            why = f" ({short}; the page that says whose it is is not in what is left)" if short else (
                " (no readable procmem_tui meta row)")
            raise StoreError(f"{path}: the library is damaged where it says whose it is{why}; refusing to touch it")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{path}: written by a newer procmem_tui (schema {version}; this version reads up to "
                             f"{SCHEMA_VERSION}); upgrade procmem_tui to use it")
        for kind, name, sql in schema_rows:
            if kind == "index" and any(f" ON {t} " in sql for t in tables):
                memory.execute(sql)
        memory.execute(f"PRAGMA user_version = {int(version)}")
        return memory
    except BaseException:
        memory.close()
        raise
    finally:
        source.close()


def _open(path: Path) -> sqlite3.Connection:
    """A connection that cannot write (``mode=ro``) and reads a file shorter than its header says."""
    try:
        source = open_read_only(Path(path))
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the file read-only ({exc})") from None
    source.execute("PRAGMA writable_schema = ON")  # read what is there of a file cut short (module docstring)
    return source


def _copy_readable(source: sqlite3.Connection, memory: Salvaged, table: str) -> None:
    columns = [r[1] for r in memory.execute(f'PRAGMA table_info("{table}")')]
    names = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT INTO "{table}" (rowid, {names}) VALUES ({", ".join("?" * (len(columns) + 1))})'
    scan = f'SELECT rowid, {names} FROM "{table}" WHERE rowid >= ? ORDER BY rowid'
    start, gap = _LOWEST, None  # read from ``start`` on; ``gap``: the first rowid not read since a damaged page
    while True:
        try:
            for row in source.execute(scan, (start,)):
                if gap is not None:
                    memory.losses.append((table, _lost(gap, row[0])))
                    gap = None
                memory.execute(insert, row)
                start = row[0] + 1
            if gap is not None:
                memory.losses.append((table, _lost(gap, None)))
            return
        except sqlite3.DatabaseError:
            gap = start if gap is None else gap
            start = _past_damage(source, scan, start)
            if start is None:
                memory.losses.append((table, _lost(gap, None)))
                return


def _lost(first: int, next_read: int | None) -> str:
    frm = "the first rows" if first == _LOWEST else f"the rows from rowid {first}"
    to = " on" if next_read is None else f" to rowid {next_read - 1}"
    return f"a damaged page: {frm}{to} could not be read (as many as there were)"


def _past_damage(source: sqlite3.Connection, scan: str, start: int) -> int | None:
    """The smallest rowid r > start from which a scan reads its first rows again, found by bisection, or None
    when no scan past ``start`` reads (``start`` itself does not)."""

    def reads(first: int) -> bool:
        try:
            source.execute(scan + " LIMIT 8", (first,)).fetchall()
            return True
        except sqlite3.DatabaseError:
            return False

    low, high = start, _HIGHEST
    if not reads(high):
        return None
    while high - low > 1:  # reads(high) holds, reads(low) does not
        middle = (low + high) // 2
        if reads(middle):
            high = middle
        else:
            low = middle
    return high
