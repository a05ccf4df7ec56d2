"""Text in and out (issue 19): lone surrogates are refused in one line at every reader (imports, episode files,
level text, library columns); any stdout encoding works (unencodable characters replaced, never a crash); bidi and
zero-width characters are shown escaped; a UTF-8 BOM and CR-only line ends are accepted; an error names its
subject once. Commands run through ``cli.main`` in the test's process (``cli_run``: the shell's parser and error
boundary, with a stdout of the encoding asked), and one in a real process with ``PYTHONIOENCODING``: what a
process's own streams do is pinned once, what each verb writes into them in every case."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import cli_run
from procmem_tui.memory import strict_json
from procmem_tui.memory.skill_check import SkillFileError
from procmem_tui.safe_text import printable
from procmem_tui.world import LevelError, format_level, parse_level

ROOT = Path(__file__).resolve().parents[2]


def _env(home: Path, **env_extra: str) -> dict[str, str]:
    return {"COLUMNS": "120", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(home),
            "XDG_STATE_HOME": str(home / "state"), "XDG_DATA_HOME": str(home / "data"), **env_extra}


def procmem(*args: str, home: Path, encoding: str = "utf-8") -> subprocess.CompletedProcess:
    """``procmem ARGS`` as from a shell in ``home`` whose stdout is in ``encoding``: run in this process
    (``cli_run``), its output as bytes."""
    return cli_run.procmem(*args, env=_env(home), cwd=home, encoding=encoding)


def process(*args: str, home: Path, **env_extra: str) -> subprocess.CompletedProcess:
    """``procmem ARGS`` in a real process (``python -m procmem_tui``), its output as bytes."""
    return subprocess.run([sys.executable, "-m", "procmem_tui", *args], capture_output=True,
                          env=_env(home, **env_extra), cwd=home, timeout=120)


@pytest.fixture
def library(classic_trained) -> Path:
    """A library after two episodes of classic (tests/unit/conftest.py); copy it before changing it."""
    return classic_trained / "lib.sqlite3"


@pytest.mark.parametrize("verb", [["skills", "list"], ["train", "--episodes", "1"], ["stats"], ["episodes", "list"]])
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_any_stdout_encoding_works(tmp_path, library, verb, encoding):
    """``skills list`` and ``train`` print ``…`` and ``→``: with an ASCII or Latin-1 stdout they are replaced by
    ``?``, the command succeeds, nothing goes to stderr."""
    copy = tmp_path / "lib.sqlite3"
    copy.write_bytes(library.read_bytes())
    done = procmem(*verb, "--library", str(copy), home=tmp_path, encoding=encoding)
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode(errors="replace")
    done.stdout.decode(encoding)  # everything written is in the stream's encoding
    if verb[0] in ("skills", "train"):
        assert b"fetch key ? open door ? reach goal" in done.stdout, done.stdout  # the composite's arrows


def test_a_process_whose_stdout_is_ascii_replaces_what_it_cannot_write(tmp_path, library):
    """The same in a real process, whose streams ``PYTHONIOENCODING=ascii`` makes strict ASCII at its start: the
    command reconfigures its own stdout, succeeds and writes ``?`` for the arrows, nothing on stderr."""
    copy = tmp_path / "lib.sqlite3"
    copy.write_bytes(library.read_bytes())
    done = process("skills", "list", "--library", str(copy), home=tmp_path, PYTHONIOENCODING="ascii")
    assert done.returncode == 0 and done.stderr == b"", done.stderr.decode(errors="replace")
    done.stdout.decode("ascii")
    assert b"fetch key ? open door ? reach goal" in done.stdout, done.stdout


SURROGATE_FIELDS = ["context", "effect", "preconditions", "name"]


@pytest.mark.parametrize("field", SURROGATE_FIELDS)
def test_a_surrogate_in_an_import_is_one_line_and_the_library_is_intact(tmp_path, library, field):
    """The issue's crash report: ``\\ud800`` in an import's context, effect or preconditions. Now exit 1, one line,
    no crash report, the library unchanged."""
    copy = tmp_path / "lib.sqlite3"
    copy.write_bytes(library.read_bytes())
    exported = tmp_path / "skills.json"
    text = (library.parent / "skills.json").read_text(encoding="utf-8")  # the library's own export
    payload = json.loads(text)
    skill = payload["skills"][0]
    skill[field] = ["x\udc00"] if field in ("effect", "preconditions") else "x\udc00"
    exported.write_text(json.dumps(payload), encoding="ascii")  # json escapes it as \udc00
    before = copy.read_bytes()
    done = procmem("skills", "import", str(exported), "--library", str(copy), home=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 1 and len(err.splitlines()) == 1 and "surrogate" in err and "Traceback" not in err, err
    assert copy.read_bytes() == before and not list((tmp_path / "state").rglob("crash-*"))


def test_a_surrogate_in_an_episode_file_or_library_column_is_refused():
    """A lone surrogate in an episode file or a library column is refused; a real surrogate pair reads as its
    character."""
    for reader in (lambda t: strict_json.document(t, SkillFileError, "f.json", "episode file"),
                   lambda t: strict_json.column(t, SkillFileError, "skill x", "program", 1000)):
        with pytest.raises(SkillFileError, match="surrogate"):
            reader('["move_up", "\\ud800"]')
    assert strict_json.document('["\\ud83d\\ude00"]', SkillFileError, "f", "x") == ["\U0001f600"]  # a real pair


def test_a_surrogate_in_level_text_is_refused_at_its_position():
    """A lone surrogate in level text is a LevelError at its line and column."""
    with pytest.raises(LevelError) as info:
        parse_level("; name: a\ud800b\n@.G\n")
    assert (info.value.line, info.value.column) == (1, 10) and "surrogate" in info.value.message


def test_a_bom_level_file_parses(tmp_path):
    """Notepad writes a BOM: the level parses (through ``procmem check``, as from a shell) and keeps its name."""
    level = tmp_path / "bom.txt"
    level.write_bytes("\ufeff; name: with bom\n@.G\n".encode("utf-8"))
    done = procmem("check", str(level), home=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith(b"with bom:"), done.stdout + done.stderr


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_every_line_end_parses_to_the_same_level(newline):
    """CR, CRLF and LF line ends parse to the same level."""
    text = "; name: ends\n@.G\n..X\n"
    assert format_level(parse_level(text.replace("\n", newline))) == text


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u00ad"])
def test_format_and_bidi_characters_are_shown_escaped(char):
    """A name cannot reverse or hide what follows it: the character is shown as its escape."""
    shown = printable(f"evil{char}name")
    assert char not in shown and f"\\u{ord(char):04x}" in shown
    assert printable("é → …") == "é → …"


def test_an_import_error_names_its_skill_once(tmp_path, library):
    """``skill 007e…: skill 007e…: …`` doubled its prefix; the subject is named once."""
    copy = tmp_path / "lib.sqlite3"
    copy.write_bytes(library.read_bytes())
    db = sqlite3.connect(copy)
    sid = db.execute("SELECT id FROM skills LIMIT 1").fetchone()[0]
    db.execute("UPDATE skills SET name = '' WHERE id = ?", (sid,))
    db.commit()
    db.close()
    done = procmem("skills", "list", "--library", str(copy), home=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == 0 and err.count(f"skill {sid}:") == 1, err
