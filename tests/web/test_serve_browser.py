"""`procmem serve` in a real browser: headless Chromium opens the page, the app's board appears, arrow keys
move the player.

The terminal in the page is drawn on a canvas, so the test finds the player the way a person does: by looking.
The player's cell is the one solid light block on the board (``GridView``'s ``grid--agent`` background,
#f5f5f5); the test measures where that block is in screenshots before and after a key. The last screenshot is
kept as a test artifact (``$PROCMEM_TEST_ARTIFACTS``, default ``test-artifacts/``).

Skipped, with the reason, where Chromium (``/usr/bin/chromium`` or ``$PROCMEM_CHROMIUM``), Playwright or
textual-serve is missing.
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


pytestmark = pytest.mark.skipif(_requirements() is not None, reason=_requirements() or "")


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


@pytest.fixture
def server():
    with serving("--level", "classic") as url:
        yield url


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


def test_the_served_app_plays_in_headless_chromium(server):
    """The page opens a terminal with the app; the board with the player appears; ↑ moves the player up on
    screen and → moves it right, as in the terminal; a screenshot is saved."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(server, wait_until="domcontentloaded")
            settled(page)  # the board is up
            page.evaluate("document.querySelector('textarea')?.focus()")
            (_, x0, _), (_, x1, _) = press_and_see(
                page, "ArrowUp", lambda b, p: p[2] < b[2] - 10, lambda b, a: abs(a[1] - b[1]) < 5)
            assert abs(x1 - x0) < 5, "↑ moved the player sideways"
            (_, _, y1), (_, _, y2) = press_and_see(
                page, "ArrowRight", lambda b, p: p[1] > b[1] + 10, lambda b, a: abs(a[2] - b[2]) < 5)
            assert abs(y2 - y1) < 5, "→ moved the player up or down"
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "serve-chromium.png"))
        finally:
            browser.close()
