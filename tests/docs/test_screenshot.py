"""scripts/screenshot.py still takes the README's picture from the real app: the agent stepped into a later
episode, the board, the episode panel and the skills it learned on screen, written as an SVG."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("screenshot_script", ROOT / "scripts" / "screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_the_script_pictures_the_agent_playing_from_what_it_learned(tmp_path):
    """One episode learned, two steps into the next: the SVG shows the level, episode 2 and a skills panel."""
    script = _script()
    out = await script.take(tmp_path / "app.svg", (80, 24), episodes=1, steps=2, settle=0)
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg"), "not an SVG"
    text = re.sub(r"<[^>]+>", "", svg).replace("&#160;", " ")  # the screen's text, spans joined
    assert "two_doors" in text and "episode 2" in text
    assert "skills" in text and "fetch key" in text, "no learned skill on screen"


async def test_the_fog_picture_shows_cells_in_sight_remembered_and_never_seen(tmp_path):
    """The fog picture (maze, sight 3, one-character cells) has the three looks on screen: floor in sight ``·``
    and walls ``█`` by the player, walls remembered ``▓`` with a remembered key ``~``, cells never seen ``░``."""
    out = await _script().take_fog(tmp_path / "fog.svg", (80, 24))
    text = re.sub(r"<[^>]+>", "", out.read_text(encoding="utf-8")).replace("&#160;", " ")
    assert "maze · sight 3" in text and "@" in text
    assert all(glyph in text for glyph in "·█▓~░"), "a look is missing from the picture"


def test_the_pictures_it_writes_are_the_ones_the_docs_show():
    """README.md shows assets/app.svg, docs/playing.md assets/app-80x24.svg and docs/fog.md assets/fog-80x24.svg:
    the names the script writes."""
    script = _script()
    assert set(script.SHOTS) == {"app.svg", "app-80x24.svg"} and set(script.FOG_SHOTS) == {"fog-80x24.svg"}
    assert "(assets/app.svg)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(../assets/app-80x24.svg)" in (ROOT / "docs" / "playing.md").read_text(encoding="utf-8")
    assert "(../assets/fog-80x24.svg)" in (ROOT / "docs" / "fog.md").read_text(encoding="utf-8")
    assert all((ROOT / "assets" / name).is_file() for name in [*script.SHOTS, *script.FOG_SHOTS])
