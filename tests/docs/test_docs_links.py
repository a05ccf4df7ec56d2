"""The README and the docs/ pages as a newcomer meets them: the README fits in 8 KB, every relative link and
picture in them resolves inside the repository (anchors included), and nothing names a path outside the
repository or of one machine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").rglob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
# a path of one machine or of the team's workspace, never of this repository
OUTSIDE = re.compile(r"(?<![\w.])(?:\.\./)*shared/|/work/|/home/\w|/Users/\w|/root/|[A-Z]:\\\\")


def _name(page: Path) -> str:
    return str(page.relative_to(ROOT))


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+?)\s*#*$", text, re.M)}


def _links(page: Path) -> list[str]:
    return LINK.findall(FENCE.sub("", page.read_text(encoding="utf-8")))


def test_the_readme_fits_in_8_kb():
    """The README is a pitch, a picture, install, keys, commands and links; the rest lives in docs/."""
    size = len(README.read_bytes())
    assert size <= 8 * 1024, f"README.md is {size:,} bytes; move detail into a docs/ page"


def test_the_readme_shows_a_picture_of_the_app_kept_in_assets():
    """The README's picture is a file of the top-level assets/ folder (remade by scripts/screenshot.py)."""
    pictures = [t for t in _links(README) if t.startswith("assets/")]
    assert pictures, "the README shows no picture from assets/"
    assert all((ROOT / t).is_file() for t in pictures), pictures


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_every_relative_link_resolves_inside_the_repository(page):
    """Each relative link or picture names a file or folder that exists, inside the repository, and a heading
    of the target page when it has an #anchor."""
    broken = []
    for target in _links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: …
            continue
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if ROOT not in resolved.parents and resolved != ROOT:
            broken.append(f"{target} (outside the repository)")
        elif not resolved.exists():
            broken.append(f"{target} (no such file)")
        elif anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved):
            broken.append(f"{target} (no heading #{anchor} in {_name(resolved)})")
    assert not broken, f"{_name(page)}: " + "; ".join(broken)


@pytest.mark.parametrize("page", PAGES, ids=_name)
def test_no_page_names_a_path_outside_the_repository(page):
    """No pointer to the team's design folder (shared/) or to one machine's paths (/work/, /home/…): the docs
    say in their own words what a reader needs."""
    hits = [f"line {n}: {line.strip()}" for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
            if OUTSIDE.search(line)]
    assert not hits, f"{_name(page)}: " + "; ".join(hits)


def test_the_checks_catch_what_they_are_for(tmp_path):
    """The patterns are not vacuous: a pointer to shared/ or /work/ is caught, a platformdirs path is not, and
    links and anchors are found as GitHub reads them."""
    assert OUTSIDE.search("see `shared/DESIGN.md`") and OUTSIDE.search("/work/venv/bin/python x.py")
    assert not OUTSIDE.search("`~/.local/share/procmem_tui/`") and not OUTSIDE.search("a shared server")
    page = tmp_path / "p.md"
    page.write_text("# A page\n\n## Any terminal, the mouse, the browser\n\n[x](a.md#b) ![y](img.png)\n"
                    "```\n[not](a link)\n# not a heading\n```\n", encoding="utf-8")
    assert _links(page) == ["a.md#b", "img.png"]
    assert _anchors(page) == {"a-page", "any-terminal-the-mouse-the-browser"}
