"""Fog in the browser (`procmem serve --view 3`): a person tells a cell in sight, remembered and never seen apart
without colour, in the default theme and the high-contrast one.

The page's terminal is a canvas, so the test looks at a screenshot in grey levels only (luminance, no hue): on
warehouse, after four steps right from the corner, it measures how much of a cell is drawn ("ink": pixels well
off the cell's background) for a floor cell in sight (a dot), a floor cell seen before and now out of sight
(blank) and a cell never seen (a stipple, ░). The three must differ plainly: blank, a dot, a texture. A box in
sight (``[]``) and one remembered (``()``) must differ in the shape of their ink, not only in shade. Skipped as
``test_serve_browser`` is, where Chromium, Playwright or textual-serve is missing.
"""

from __future__ import annotations

import base64

import pytest
from test_serve_browser import ARTIFACTS, BLOCK_MIN, CHROMIUM, FLAGS, _requirements, serving, wait_for

pytestmark = pytest.mark.skipif(_requirements() is not None, reason=_requirements() or "")

# the player's block: the box of the rows' runs of at least 16 pixels of #f5f5f5 (text strokes are thinner)
PLAYER_BOX = """async (b64) => {
  const img = new Image(); img.src = 'data:image/png;base64,' + b64; await img.decode();
  const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
  const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, img.width, img.height).data;
  const light = (x, y) => { const i = 4 * (y * img.width + x);
    return Math.abs(d[i] - 245) <= 3 && Math.abs(d[i + 1] - 245) <= 3 && Math.abs(d[i + 2] - 245) <= 3; };
  let x0 = 1e9, y0 = 1e9, x1 = -1, y1 = -1;
  for (let y = 0; y < img.height; y++) {
    let run = 0;
    for (let x = 0; x < img.width; x++) {
      run = light(x, y) ? run + 1 : 0;
      if (run >= 16) { x0 = Math.min(x0, x - 15); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
    }
  }
  return [x0, y0, x1 - x0 + 1, y1 - y0 + 1];
}"""
# each box's ink as 0/1 per pixel (grey more than 25 off the box's median grey), row by row
MASKS = """async ([b64, boxes]) => {
  const img = new Image(); img.src = 'data:image/png;base64,' + b64; await img.decode();
  const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
  const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
  return boxes.map(([x, y, w, h]) => {
    const d = ctx.getImageData(x, y, w, h).data, grey = [];
    for (let i = 0; i < d.length; i += 4) grey.push(0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2]);
    const background = [...grey].sort((a, b) => a - b)[Math.floor(grey.length / 2)];
    return grey.map(v => Math.abs(v - background) > 25 ? 1 : 0);
  });
}"""


@pytest.fixture
def fog_server():
    with serving("--level", "warehouse", "--view", "3") as url:
        yield url


def _looks(page) -> dict[str, float]:
    """Ink of three floor cells of warehouse with the player at (4, 0): (2, 0) in sight, (0, 0) remembered
    (4 away, beyond sight 3), (13, 10) never seen."""
    shot = base64.b64encode(page.screenshot()).decode()
    x0, y0, w, h = page.evaluate(PLAYER_BOX, shot)
    assert w > 4 and h > 4, "the player's block was not found"

    def box(x, y):
        return [x0 + (x - 4) * w, y0 - y * h, w, h]

    floors = page.evaluate(MASKS, [shot, [box(2, 0), box(0, 0), box(13, 10)]])
    looks = {name: sum(mask) / len(mask) for name, mask in zip(("in sight", "remembered", "never seen"), floors)}
    seen_box, remembered_box = page.evaluate(MASKS, [shot, [box(4, 1), box(1, 1)]])  # 1 and 3 cells away
    either = sum(1 for a, b in zip(seen_box, remembered_box) if a or b)
    looks["box shapes apart"] = sum(1 for a, b in zip(seen_box, remembered_box) if a != b) / max(1, either)
    return looks


def _assert_apart(looks: dict[str, float], theme: str) -> None:
    assert looks["remembered"] < 0.001, (theme, looks)  # blank
    assert looks["in sight"] > looks["remembered"], (theme, looks)  # a dot
    assert looks["never seen"] > 0.05 and looks["never seen"] > 10 * looks["in sight"], (theme, looks)  # a texture
    # [] against (): 0.47 of their ink apart here (0.41 in high contrast); the same glyph bold and not, as both
    # were drawn before: 0.24
    assert looks["box shapes apart"] > 0.35, (theme, looks)


def test_in_sight_remembered_and_never_seen_differ_in_grey_alone(fog_server):
    """In headless Chromium, cells in sight, remembered and never seen differ in grey level alone, in the default
    and the high-contrast theme."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 620})
            page.goto(fog_server, wait_until="domcontentloaded")
            _, x_start, _ = wait_for(page, lambda p: p[0] >= BLOCK_MIN)
            page.evaluate("document.querySelector('textarea')?.focus()")
            for _ in range(4):
                page.keyboard.press("ArrowRight")
            wait_for(page, lambda p: p[0] >= BLOCK_MIN and p[1] > x_start + 50)
            page.wait_for_timeout(800)
            _assert_apart(_looks(page), "default")
            before = page.screenshot()
            page.keyboard.press("Control+p")
            page.wait_for_timeout(800)
            page.keyboard.type("contrast")
            page.wait_for_timeout(800)
            page.keyboard.press("Enter")
            page.wait_for_timeout(1200)
            assert page.screenshot() != before, "the high-contrast theme did not apply"
            _assert_apart(_looks(page), "high contrast")
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "serve-fog-high-contrast.png"))
        finally:
            browser.close()
