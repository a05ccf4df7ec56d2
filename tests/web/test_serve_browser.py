"""`procmem serve` in a real browser: headless Chromium opens the page, the app's board appears, arrow keys
move the player; under fog (``--view 3``) cells in sight, remembered and never seen differ in grey alone.

The terminal in the page is drawn on a canvas, so the test finds the player the way a person does: by looking.
The player's cell is the one solid light block on the board (``GridView``'s ``grid--agent`` background,
#f5f5f5); the test measures where that block is in screenshots before and after a key. The last screenshot is
kept as a test artifact (``$PROCMEM_TEST_ARTIFACTS``, default ``test-artifacts/``).

Fog: the test looks at a screenshot in grey levels only (luminance, no hue): on warehouse, four cells right of the
corner, it measures how much of a cell is drawn ("ink": pixels well off the cell's background) for a floor
cell in sight (a dot), a floor cell seen before and now out of sight (blank) and a cell never seen (a stipple, ░).
The three must differ plainly: blank, a dot, a texture. A box in sight (``[]``) and one remembered (``()``) must
differ in the shape of their ink, not only in shade; in the default theme and the high-contrast one.

Both are checked on one page of one server (``procmem serve --level warehouse --view 3``): a server and the app
it starts for the page cost about as much CPU as Chromium itself. Skipped, with the reason, where Chromium
(``/usr/bin/chromium`` or ``$PROCMEM_CHROMIUM``), Playwright or textual-serve is missing.
"""

from __future__ import annotations

import base64
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PROCMEM_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("PROCMEM_TEST_ARTIFACTS", ROOT / "test-artifacts"))

# the centre and size of the player's block: pixels within 3 of #f5f5f5, in a screenshot (a PNG, base64)
FIND_PLAYER = """async (b64) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + b64;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, img.width, img.height).data;
  let n = 0, sx = 0, sy = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (Math.abs(d[i] - 245) <= 3 && Math.abs(d[i + 1] - 245) <= 3 && Math.abs(d[i + 2] - 245) <= 3) {
      const p = i / 4; n++; sx += p % img.width; sy += Math.floor(p / img.width);
    }
  }
  return n ? [n, sx / n, sy / n] : [0, 0, 0];
}"""
BLOCK_MIN = 400  # pixels: a cell's block, not a stray glyph


def _requirements() -> str | None:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium, or set PROCMEM_CHROMIUM)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install playwright; the test extra has it)"
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        return "textual-serve is not installed (the 'web' extra)"
    return None


@pytest.fixture(scope="module", autouse=True)
def _browser_or_skip() -> None:
    """Each test skips, saying why, without Chromium, Playwright or textual-serve: asked when this module's tests
    run (before its other fixtures, which start them), not when every worker imports it to collect it (importing
    Playwright to find out cost each worker about a quarter of a second)."""
    missing = _requirements()
    if missing is not None:
        pytest.skip(missing)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, server: subprocess.Popen, timeout: float = 20) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if server.poll() is not None:
            raise AssertionError(f"procmem serve exited: {server.communicate()[0]}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"procmem serve did not listen on port {port}")


@contextlib.contextmanager
def serving(*args: str):
    """``procmem serve --fresh ARGS`` on a free port, its address while it runs; stopped (killed if need be) after."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen([sys.executable, "-m", "procmem_tui", "serve", "--port", str(port), "--fresh", *args],
                            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for this module's tests (starting Playwright's driver and the browser is the
    dearest part of each); each test opens its own page on its own server. Module-scoped, not session-scoped:
    Playwright's sync API keeps its own event loop, which the Pilot tests' loops must not meet."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def player(page) -> tuple[int, float, float]:
    shot = base64.b64encode(page.screenshot()).decode()
    return tuple(page.evaluate(FIND_PLAYER, shot))


def wait_for(page, predicate, timeout: float = 30):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = player(page)
        if predicate(found):
            return found
        page.wait_for_timeout(200)
    raise AssertionError(f"gave up waiting; last seen: {found}")


def settled(page, timeout: float = 30):
    """The player's block once it stays put over three looks half a second apart: the board is up and laid out
    for the page (the app paints its board before the rest of the game loads, and the page may still be sizing
    the terminal; with two workers a core, a suite run's load can delay that past one short look)."""
    last = wait_for(page, lambda p: p[0] >= BLOCK_MIN, timeout)
    end = time.monotonic() + timeout
    steady = 0
    while time.monotonic() < end:
        page.wait_for_timeout(500)
        now = player(page)
        steady = steady + 1 if now == last else 0
        if steady == 2:
            return now
        last = now
    raise AssertionError(f"the board never settled; last seen: {last}")


def press_and_see(page, key: str, moved, straight) -> tuple[tuple, tuple]:
    """The player's block before and after ``key``, from a settled board: it must have ``moved`` and stayed
    ``straight``. A loaded machine can lay the page out again after the board looked settled (the block then
    jumps with the layout, not with the key), so a first look that fails is taken again once from the board as
    it now stands; a key that moves the player wrongly fails both times."""
    for attempt in (1, 2):
        before = settled(page)
        page.keyboard.press(key)
        after = wait_for(page, lambda p: p[0] >= BLOCK_MIN and moved(before, p))
        if straight(before, after) or attempt == 2:
            return before, after
    raise AssertionError("unreachable")


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


def _steady_board(page, unlike: bytes | None = None, timeout: float = 30) -> tuple[str, list]:
    """A screenshot (base64) and the player's block in it, once the block is found at the same place in two
    looks 300 ms apart and the screen is no longer ``unlike`` (the theme has been applied): a loaded machine
    takes its time to draw, and a look taken while it does found no block (the test waited fixed times)."""
    end = time.monotonic() + timeout
    last = None
    while time.monotonic() < end:
        png = page.screenshot()
        shot = base64.b64encode(png).decode()
        box = page.evaluate(PLAYER_BOX, shot)
        if png == unlike:
            box = None
        elif box[2] > 4 and box[3] > 4 and box == last:
            return shot, box
        last = box
        page.wait_for_timeout(300)
    assert unlike is None or png != unlike, "the high-contrast theme did not apply"
    raise AssertionError(f"the player's block was not found or did not stay put; last: {last}")


def _looks(page, shot: str, player_box: list) -> dict[str, float]:
    """Ink of three floor cells of warehouse with the player at (4, 0): (2, 0) in sight, (0, 0) remembered
    (4 away, beyond sight 3), (13, 10) never seen."""
    x0, y0, w, h = player_box

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


def test_the_served_app_plays_in_headless_chromium_and_fog_differs_in_grey_alone(fog_server, chromium):
    """One page on one server (they were two tests, each starting ``procmem serve`` and its app):

    - the page opens a terminal with the app; the board with the player appears; ↑ moves the player up on screen
      and → moves it right, as in the terminal, with no click first: the page hands the keyboard to the game
      (textual-serve's page kept it on the page's body until a click, and a new player's keys did nothing); a
      screenshot is saved;
    - then, four cells right of the corner, cells in sight, remembered and never seen differ in grey level alone,
      in the default and the high-contrast theme."""
    page = chromium.new_page(viewport={"width": 1000, "height": 620})
    try:
        page.goto(fog_server, wait_until="domcontentloaded")
        _, x_start, _ = settled(page)  # the board is up, the player in warehouse's corner
        assert page.evaluate("document.activeElement.className") == "xterm-helper-textarea"
        # The first look is off: the footer's first-run hint, gone after a step, has text strokes of the player's
        # light grey (warehouse's look at 1000x620 moved 9 pixels). One step right and back first, a look at the
        # corner without the hint, then the checked keys.
        page.keyboard.press("ArrowRight")
        wait_for(page, lambda p: p[0] >= BLOCK_MIN and p[1] > x_start + 10)
        page.keyboard.press("ArrowLeft")
        _, x_corner, _ = settled(page)
        (_, x0, _), (_, x1, _) = press_and_see(
            page, "ArrowUp", lambda b, p: p[2] < b[2] - 10, lambda b, a: abs(a[1] - b[1]) < 5)
        assert abs(x1 - x0) < 5, "↑ moved the player sideways"
        page.keyboard.press("ArrowDown")  # back to the corner (a crate is right of the cell above it); a second ↓
        page.keyboard.press("ArrowDown")  # meets the edge, or brings back a ↑ that press_and_see took twice
        (_, x2, y1), (_, x3, y2) = press_and_see(
            page, "ArrowRight", lambda b, p: p[1] > b[1] + 10, lambda b, a: abs(a[2] - b[2]) < 5)
        assert abs(y2 - y1) < 5, "→ moved the player up or down"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "serve-chromium.png"))
        cell = x3 - x2
        for _ in range(4 - round((x3 - x_corner) / cell)):  # on to four cells right of the corner
            page.keyboard.press("ArrowRight")
        wait_for(page, lambda p: p[0] >= BLOCK_MIN and p[1] > x_corner + 3.5 * cell)
        shot, box = _steady_board(page)
        _assert_apart(_looks(page, shot, box), "default")
        page.keyboard.press("Control+p")
        page.wait_for_timeout(800)
        page.keyboard.type("contrast")
        page.wait_for_timeout(800)
        page.keyboard.press("Enter")
        themed, box = _steady_board(page, unlike=shot)
        _assert_apart(_looks(page, themed, box), "high contrast")
        page.screenshot(path=str(ARTIFACTS / "serve-fog-high-contrast.png"))
    finally:
        page.close()
