"""Which file the store may write to: where it lives by default, and the checks that refuse the rest.

An existing file is examined through a read-only connection before anything opens it for writing, so a file
that is not SQLite, not ours, damaged, from a newer schema, or read-only is refused with a one-line
``StoreError`` and left byte-identical.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

import platformdirs

from procmem_tui.memory.schema import APP_ID, SCHEMA_VERSION, required_tables

_SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """A library file we cannot use; ``str()`` is one line naming the file and what is wrong."""


class ReadOnlyLibrary(StoreError):
    """A library (or its folder) we may read but not write: refused for writing, fine for reading."""


def default_library_location() -> Path:
    """``<user data dir>/procmem_tui/library.sqlite3``, creating nothing (for verbs that only read)."""
    return Path(platformdirs.user_data_dir("procmem_tui")) / "library.sqlite3"


def default_library_path() -> Path:
    """``default_library_location()`` with its directory created (for verbs that write)."""
    path = default_library_location()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def require_existing(path: Path) -> None:
    """Refuse a path with nothing there, for a verb that only reads: a mistyped ``--library`` must not read as a
    library where nothing was learned. Raises ``StoreError`` naming the path and where the default library is."""
    try:
        os.lstat(path)
        return
    except FileNotFoundError:
        pass
    except OSError:  # a file used as a folder, a name too long...: check_file names what is wrong
        return
    default = default_library_location()
    if path.absolute() == default.absolute():
        raise StoreError(f"{path}: no library yet; play ('procmem') or train ('procmem train') to make one")
    raise StoreError(f"{path}: no library here (no such file); the default library is {default}")


def check_file(path: Path, *, write: bool = True, whole: bool = True) -> bool:
    """Check an existing file read-only; True when there is nothing yet (create the schema). Raises StoreError.
    ``write=False``: the caller only reads (a read-only file or folder is fine). ``whole=False``: only whether
    the file is ours and readable (``procmem doctor`` examines a damaged shape table by table)."""
    if not str(path):
        raise StoreError("an empty path is not a library file")
    try:
        return _check_path(path, write, whole)
    except OSError as exc:  # a folder without search permission, a name too long, a loop of symlinks...
        raise StoreError(f"{path}: cannot use this path as a library ({exc.strerror or exc})") from None


def _check_path(path: Path, write: bool = True, whole: bool = True) -> bool:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is None:
        if path.is_symlink():
            raise StoreError(f"{path}: a symbolic link to nothing; refusing to create a library through it")
        try:
            parent_info = os.stat(path.parent)  # other OSErrors (no search permission, too long): one line above
        except FileNotFoundError:
            raise StoreError(f"{path}: the folder {path.parent} does not exist") from None
        if not stat.S_ISDIR(parent_info.st_mode):
            raise StoreError(f"{path}: {path.parent} is not a folder")
        if write and not os.access(path.parent, os.W_OK | os.X_OK):
            raise StoreError(f"{path}: the folder {path.parent} is read-only; choose another --library")
        return True
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path}: is a folder, not a library file")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{path}: not a regular file (a device, pipe or socket); refusing to use it as a library")
    for target, what in ((path, "file"), (path.parent, "folder")) if write else ():  # WAL writes files beside it
        if not os.access(target, os.W_OK):
            raise ReadOnlyLibrary(f"{path}: the library {what} is read-only; choose another --library")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if not header:
        return True  # an empty file: nothing to lose
    if not header.startswith(_SQLITE_MAGIC):
        raise StoreError(f"{path}: not a procmem_tui library (not an SQLite database); refusing to touch it")
    db = connect_read_only(path)
    try:
        return _check_contents(path, db, whole)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: the library is damaged ({exc}); refusing to touch it{salvage_hint(path)}") from None
    finally:
        db.close()


def salvage_hint(path: Path) -> str:
    """What to do about a damaged page: ``procmem doctor --repair`` copies out the rows that can still be read."""
    return f" ('procmem doctor --repair --library {path}' copies out what can still be read)"


def cut_short(path: Path) -> str | None:
    """How a file is cut short, in a phrase ("the file is cut short: 20,000 of the 57,344 bytes its header
    names"), or None when it is not (or is no SQLite file): SQLite's own word for it is only "malformed"."""
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return None
    if not header or not _SQLITE_MAGIC.startswith(header[:16]):
        return None
    if len(header) < 100:
        return f"the file is cut short: {size:,} bytes, not even SQLite's 100-byte header"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if header[24:28] != header[92:96] or not pages or size >= pages * page_size:
        return None  # the header's page count is not kept up to date (an old writer), or the file is whole
    return f"the file is cut short: {size:,} of the {pages * page_size:,} bytes its header names"


def _schema_readable(path: Path) -> bool:
    """Whether SQLite reads what ``memory.salvage`` needs of a file cut short, its schema and the meta row that
    says the file is ours: then doctor can save rows. (A file cut after its schema's page but before meta's was
    once sent to a doctor that then refused it: "damaged where it says whose it is".)"""
    try:
        db = open_read_only(path)
    except sqlite3.Error:
        return False
    try:
        db.execute("PRAGMA writable_schema = ON")
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        row = db.execute("SELECT value FROM meta WHERE key = 'app_id'").fetchone()
        return row is not None and row[0] == APP_ID
    except sqlite3.Error:
        return False
    finally:
        db.close()


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write (SQLite ``mode=ro``). A WAL library in a folder we may not write, whose
    ``-shm`` file is absent, cannot be opened that way; it is then opened ``immutable`` (nobody can be writing
    it: nobody may create its ``-shm``). Raises ``StoreError``."""
    last = None
    for mode in ("", "&immutable=1"):
        try:
            db = open_read_only(path, mode)
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.Error as exc:
            last = exc
            try:
                db.close()
            except (NameError, sqlite3.Error):
                pass
    if getattr(last, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
        short = cut_short(path)
        said = f"; {short}" if short else ""
        hint = salvage_hint(path) if short is None or _schema_readable(path) else ""
        raise StoreError(f"{path}: the library is damaged ({last}){said}; refusing to touch it{hint}")
    raise StoreError(f"{path}: cannot open the file read-only ({last})")


class ReadOnlyConnection(sqlite3.Connection):
    """A read-only connection that leaves no files beside the library. Reading a WAL library, SQLite creates its
    ``-wal`` and ``-shm`` files (the log's shared index) and, unable to write, cannot delete them as it closes.
    When they were not there before it opened, closing it lets SQLite tidy them away (``_tidy_sidecars``)."""

    _tidy: Path | None = None  # the library whose sidecars were absent when this connection opened

    def close(self) -> None:
        super().close()
        path, self._tidy = self._tidy, None
        if path is not None:
            _tidy_sidecars(path)


def _sidecars(path: Path) -> tuple[Path, Path]:
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def open_read_only(path: Path, options: str = "") -> ReadOnlyConnection:
    """``sqlite3.connect`` in ``mode=ro`` (plus URI ``options``, each starting with ``&``), as a
    ``ReadOnlyConnection``: closing it leaves the folder as it found it."""
    target = path.resolve()  # SQLite's sidecars lie beside the file a symbolic link names
    absent = not any(side.exists() for side in _sidecars(target))
    db = sqlite3.connect("file:" + quote(str(target)) + "?mode=ro" + options, uri=True,
                         isolation_level=None, timeout=30, factory=ReadOnlyConnection)
    if absent:
        db._tidy = target
    return db


def _tidy_sidecars(path: Path) -> None:
    """Remove the ``-wal``/``-shm`` files a read-only connection left, the way SQLite removes them: a connection
    that may write (never creating the file) reads and closes, and SQLite deletes them only when it is the last
    connection to the library, after checkpointing a log that is empty (the file's bytes stay as they were). With
    another process reading or writing the library, or where we may not write, they stay, as SQLite leaves them."""
    if not any(side.exists() for side in _sidecars(path)) or not os.access(path, os.W_OK):
        return
    try:
        db = sqlite3.connect("file:" + quote(str(path.resolve())) + "?mode=rw", uri=True, isolation_level=None,
                             timeout=0)
    except sqlite3.Error:
        return
    try:
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        pass  # a damaged file: closing still removes the empty log and its index
    finally:
        db.close()


def _check_contents(path: Path, db: sqlite3.Connection, whole: bool = True) -> bool:
    try:
        check = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: the library is damaged ({exc}); refusing to touch it{salvage_hint(path)}") from None
    if check != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in check[:2])
        raise StoreError(f"{path}: the library is damaged (integrity check: {detail}); refusing to touch it"
                         f"{salvage_hint(path)}")
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        marks = [f"{name} {value}" for name in ("user_version", "application_id")
                 if (value := db.execute(f"PRAGMA {name}").fetchone()[0]) != 0]
        if marks:  # an empty database another program has marked as its own
            raise StoreError(f"{path}: an SQLite database with no tables but marked by another program "
                             f"({', '.join(marks)}); refusing to take it over")
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
    if not whole:
        return False
    missing = required_tables(version) - tables
    if missing:
        raise StoreError(f"{path}: the library is damaged (missing tables: {', '.join(sorted(missing))})")
    problem = shape_problem(db, version)
    if problem:
        raise StoreError(f"{path}: the library is damaged ({problem}); refusing to touch it")
    return False


# Columns an older schema lacks and ``schema.upgrade`` adds; any other missing column is damage.
ADDED_BY_UPGRADE = {"episodes": frozenset({"skill_steps", "library_size", "learned"})}


def expected_shape() -> dict[str, dict[str, str]]:
    """table -> column -> declared type, as ``schema.create`` makes them."""
    from procmem_tui.memory import schema

    db = sqlite3.connect(":memory:")
    try:
        schema.create(db)
        return _shape(db)
    finally:
        db.close()


def _shape(db: sqlite3.Connection) -> dict[str, dict[str, str]]:
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: {r[1]: str(r[2]).upper() for r in db.execute(f'PRAGMA table_info("{t}")')} for t in tables}


def shape_problem(db: sqlite3.Connection, version: int) -> str | None:
    """What is wrong with the tables' shape (a dropped column, a changed type, a trigger), or None."""
    triggers = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    if triggers:
        return f"it has a trigger ({triggers[0][:40]}), which procmem_tui never creates"
    found = _shape(db)
    for table, columns in expected_shape().items():
        if table not in found:
            continue
        for column, declared in columns.items():
            actual = found[table].get(column)
            if actual is None:
                if version < SCHEMA_VERSION and column in ADDED_BY_UPGRADE.get(table, ()):
                    continue
                return f"the column {table}.{column} is missing"
            if actual != declared:
                return f"the column {table}.{column} is {actual or 'untyped'}, not {declared}"
    return None
