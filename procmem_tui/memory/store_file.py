"""Which file the store may write to: where it lives by default, and the checks that refuse the rest.

An existing file is examined through a read-only connection before anything opens it for writing, so a file
that is not SQLite, not ours, damaged, from a newer schema, or read-only is refused with a one-line
``StoreError`` and left byte-identical.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

import platformdirs

from procmem_tui.memory.schema import APP_ID, SCHEMA_VERSION, required_tables

_SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """A library file we cannot use; ``str()`` is one line naming the file and what is wrong."""


def default_library_path() -> Path:
    """``<user data dir>/procmem_tui/library.sqlite3``; the directory is created."""
    directory = Path(platformdirs.user_data_dir("procmem_tui"))
    directory.mkdir(parents=True, exist_ok=True)
    return directory / "library.sqlite3"


def check_file(path: Path) -> bool:
    """Check an existing file read-only; True when there is nothing yet (create the schema). Raises StoreError."""
    if not path.exists():
        if not path.parent.is_dir():
            raise StoreError(f"{path}: the folder {path.parent} does not exist")
        if not os.access(path.parent, os.W_OK):
            raise StoreError(f"{path}: the folder {path.parent} is read-only; choose another --library")
        return True
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a library file")
    for target, what in ((path, "file"), (path.parent, "folder")):  # WAL writes files next to the library
        if not os.access(target, os.W_OK):
            raise StoreError(f"{path}: the library {what} is read-only; choose another --library")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if not header:
        return True  # an empty file: nothing to lose
    if not header.startswith(_SQLITE_MAGIC):
        raise StoreError(f"{path}: not a procmem_tui library (not an SQLite database); refusing to touch it")
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the file read-only ({exc})") from None
    try:
        return _check_contents(path, db)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: the library is damaged ({exc}); refusing to touch it") from None
    finally:
        db.close()


def _check_contents(path: Path, db: sqlite3.Connection) -> bool:
    try:
        check = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: the library is damaged ({exc}); refusing to touch it") from None
    if check != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in check[:2])
        raise StoreError(f"{path}: the library is damaged (integrity check: {detail}); refusing to touch it")
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return True
    if "meta" not in tables:
        shown = ", ".join(sorted(tables)[:5])
        raise StoreError(f"{path}: not a procmem_tui library (an SQLite database with tables {shown}); refusing to touch it")
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("app_id") != APP_ID:
        raise StoreError(f"{path}: not a procmem_tui library (its meta app_id is {meta.get('app_id')!r}); refusing to touch it")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: written by a newer procmem_tui (schema {version}; this version reads up to {SCHEMA_VERSION}); "
            "upgrade procmem_tui to use it"
        )
    missing = required_tables(version) - tables
    if missing:
        raise StoreError(f"{path}: the library is damaged (missing tables: {', '.join(sorted(missing))})")
    return False
