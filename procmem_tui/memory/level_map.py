"""The agent's map of one level: every cell as it last looked, built only from observations.

Observations show the cells in sight (each a kind and a letter), the observer's position, what it holds and which
doors in sight stand open. The map remembers what was seen before (as last seen), which doors were seen open,
and which object cells were seen to turn into floor (``gone``: a key picked up). Cells never seen are unknown.

For the parts of the agent that reason on a grid, the map also gives its picture as a ``Level`` (cells never
seen drawn as walls: plans go where the agent has seen it can) and the agent's situation as a ``State`` (position, keys held, doors seen open,
objects gone). Both are the agent's beliefs, never the world's: nothing here reads the world object or a level.
"""

from __future__ import annotations

from procmem_tui.world import Level, State
from procmem_tui.world.observation import BOX, DOOR, FLOOR, GOAL, KEY, WALL, Cell, Observation

Pos = tuple[int, int]
_CHAR = {FLOOR: ".", WALL: "#", BOX: "X", GOAL: "G"}
_FELT = Cell(WALL)


class LevelMap:
    """What has been seen of one level (``see`` each observation); JSON-safe through ``dump``/``load``."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells: dict[Pos, Cell] = {}
        self.objects: dict[Pos, Cell] = {}  # key and door cells as first seen (a taken key stays listed here)
        self.opened: set[Pos] = set()
        self.gone: set[Pos] = set()
        self.version = 0  # grows when the picture changes (cached pictures are rebuilt)
        self.sight = 0  # under fog: the largest squared distance from the observer of a cell seen in sight
        self.clear: set[tuple[str, bool]] = set()  # (kind, open) of cells seen through (``_learn_sight``)
        self.felt: dict[Pos, set] = {}  # cells never seen, known only by a bump (``bumped``) -> (action, keys
        # held) tried beside them (``tried_beside``)
        self._picture: tuple[int, Level] | None = None

    def see(self, obs: Observation) -> bool:
        """Take in what ``obs`` shows; True if the map changed."""
        changed = False
        cells = self.cells
        if self.felt:
            for pos in self.felt.keys() & obs.cells.keys():
                del self.felt[pos]
        for pos, cell in obs.cells.items():
            old = cells.get(pos)
            if old == cell:
                continue
            cells[pos] = cell
            changed = True
            if cell.letter:  # an object: a cell with a letter (what the observation shows)
                self.objects.setdefault(pos, cell)
                self.gone.discard(pos)
            elif pos in self.objects:
                self.gone.add(pos)
        if obs.in_sight is None and self.opened != obs.opened:
            self.opened = set(obs.opened)
            changed = True
        for pos in obs.opened:
            if pos not in self.opened:
                self.opened.add(pos)
                changed = True
        if obs.in_sight is not None:
            for pos in [p for p in self.opened if p in obs.in_sight and p not in obs.opened]:
                self.opened.discard(pos)
                changed = True
        if obs.in_sight is not None:
            self._learn_sight(obs)
        if changed:
            self.version += 1
        return changed

    def bumped(self, pos: Pos) -> bool:
        """A move into ``pos`` left the observer where it stood: ``pos`` blocks. A cell never seen is drawn as the
        wall it acts as (felt, not seen: a later sight of it overrides), so with no sight beyond its own cell the map
        still grows from what the observer bumps into. True if the map changed (only for a cell never seen: with any
        sight, the cell beside the observer is always in sight)."""
        if pos in self.cells or not self.in_bounds(pos):
            return False
        self.cells[pos] = _FELT
        self.felt[pos] = set()
        self.version += 1
        return True

    def unfelt(self, cells) -> bool:
        """Forget the felt cells among ``cells``: an action rewarded with nothing seen to change did something out
        of sight, maybe to one of them (a door opened that was only ever bumped into), so they are never seen again
        until entered or bumped into. True if the map changed."""
        gone = self.felt.keys() & set(cells)
        for pos in gone:
            del self.cells[pos]
            del self.felt[pos]
        if gone:
            self.version += 1
        return bool(gone)

    def opened_unseen(self, pos: Pos) -> bool:
        """Believe the object at ``pos`` open though it was not seen so (an action beside it did something out of
        sight, and it is the one object there believed shut: the caller asks its model which). True if the map
        changed."""
        cell = self.objects.get(pos)
        if cell is None or pos in self.opened:
            return False
        self.opened.add(pos)
        self.version += 1
        return True

    def tried_beside(self, pos: Pos, action: str, held: frozenset) -> None:
        """``action`` (not a move) was taken at ``pos`` holding ``held``: noted on each felt cell beside it. A felt
        cell's look is not known, so what was tried on other cells drawn the same says nothing of it."""
        x, y = pos
        for near in ((x, y + 1), (x + 1, y), (x, y - 1), (x - 1, y)):
            tried = self.felt.get(near)
            if tried is not None:
                tried.add((action, held))

    def _learn_sight(self, obs: Observation) -> None:
        """How far the observer sees, and which looks it sees through: a cell in sight on the observer's row or
        column with the next cell outward also in sight. Learned from what was in sight, never from a rule."""
        px, py = obs.pos
        cells = obs.cells
        for (x, y), cell in cells.items():
            dx, dy = x - px, y - py
            d2 = dx * dx + dy * dy
            if d2 > self.sight:
                self.sight = d2
            if (dx == 0) != (dy == 0):
                look = (cell.kind, (x, y) in obs.opened)
                if look not in self.clear and (x + (dx > 0) - (dx < 0), y + (dy > 0) - (dy < 0)) in cells:
                    self.clear.add(look)

    def new_episode(self) -> None:
        """An episode starts the level afresh: no door is believed open and no object gone until seen so."""
        self.opened.clear()
        self.gone.clear()

    def at(self, pos: Pos) -> Cell | None:
        return self.cells.get(pos)

    def in_bounds(self, pos: Pos) -> bool:
        return 0 <= pos[0] < self.width and 0 <= pos[1] < self.height

    def unknown(self) -> int:
        return self.width * self.height - len(self.cells)

    def picture(self, name: str = "map", max_steps: int = 0) -> Level:
        """The map drawn as a level (objects as first seen, cells never seen as walls: a plan drawn on it goes only
        where the agent has seen it can; going to see the rest is curiosity's, ``agents/curiosity/``). Cached until
        it changes."""
        if self._picture is not None and self._picture[0] == self.version:
            return self._picture[1]
        rows = []
        for y in range(self.height - 1, -1, -1):
            row = []
            for x in range(self.width):
                cell = self.objects.get((x, y)) or self.cells.get((x, y))
                if cell is None:
                    row.append("#")
                elif cell.letter:
                    row.append(cell.letter)
                else:
                    row.append(_CHAR[cell.kind])
            rows.append("".join(row))
        level = Level(rows=tuple(rows), name=name, max_steps=max_steps)
        self._picture = (self.version, level)
        return level

    def state(self, obs: Observation) -> State:
        """The agent's situation as it believes it: position, keys held, doors seen open, objects gone."""
        return State(obs.pos, obs.held, frozenset(self.opened), frozenset(self.gone), obs.steps)

    # -- persistence --------------------------------------------------------------------------------

    def dump(self) -> dict:
        """JSON-safe and compact: one text row per y (from 0), a character per cell (``?`` never seen; a key or a
        door is its letter), the objects as first seen, the doors seen open and the objects seen gone, the cells
        known only by a bump (``felt``, drawn ``#``); under fog also what was learned of sight (``sight``, and the
        looks seen through: ``clear``), so a new process judges what a cell would show as this one did."""
        rows = ["".join(_char(self.cells.get((x, y))) for x in range(self.width)) for y in range(self.height)]
        data = {"size": [self.width, self.height], "rows": rows,
                "objects": [[x, y, c.letter] for (x, y), c in sorted(self.objects.items())],
                "opened": sorted([list(p) for p in self.opened]), "gone": sorted([list(p) for p in self.gone])}
        if self.felt:
            data["felt"] = sorted([list(p) for p in self.felt])
        if self.sight:
            data["sight"] = self.sight
            data["clear"] = sorted([kind, is_open] for kind, is_open in self.clear)
        return data

    @classmethod
    def load(cls, data: dict) -> "LevelMap":
        """The map ``dump`` wrote; ValueError for anything else (a wrong size, an unknown character)."""
        width, height = (int(v) for v in data["size"])
        rows = data["rows"]
        if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE) or len(rows) != height:
            raise ValueError(f"a map of {width}x{height} with {len(rows)} rows")
        m = cls(width, height)
        for y, row in enumerate(rows):
            if not isinstance(row, str) or len(row) != width:
                raise ValueError(f"map row {y} is not {width} characters")
            for x, char in enumerate(row):
                if char != "?":
                    m.cells[(x, y)] = _cell_of(char)
        for x, y, letter in data.get("objects", []):
            m.objects[m._inside(x, y, "an object")] = _cell_of(str(letter))
        m.opened = {m._inside(x, y, "a door seen open") for x, y in data.get("opened", [])}
        m.gone = {m._inside(x, y, "an object seen gone") for x, y in data.get("gone", [])}
        m.felt = {m._inside(x, y, "a cell felt"): set() for x, y in data.get("felt", [])}
        if any(pos not in m.cells for pos in m.felt):
            raise ValueError("a cell felt that the map does not draw")
        m.sight = int(data.get("sight", 0))
        if m.sight < 0:
            raise ValueError(f"a sight of {m.sight}")
        m.clear = {(_kind(kind), bool(is_open)) for kind, is_open in data.get("clear", [])}
        return m

    def _inside(self, x, y, what: str) -> Pos:
        """(x, y) as a cell of this map; ValueError off it (a damaged map, refused rather than planned on)."""
        pos = (int(x), int(y))
        if not self.in_bounds(pos):
            raise ValueError(f"{what} at {pos[0]},{pos[1]} lies outside the {self.width}x{self.height} map")
        return pos


MAX_SIDE = 1000
_LETTERS = "abcdef"
_KIND_OF = {char: kind for kind, char in _CHAR.items()}


def _char(cell: Cell | None) -> str:
    if cell is None:
        return "?"
    return cell.letter or _CHAR[cell.kind]


def _kind(kind) -> str:
    if kind not in (FLOOR, WALL, BOX, GOAL, KEY, DOOR):
        raise ValueError(f"unknown kind {kind!r} seen through")
    return kind


def _cell_of(char: str) -> Cell:
    if char in _KIND_OF:
        return Cell(_KIND_OF[char])
    if len(char) == 1 and char in _LETTERS:
        return Cell(KEY, char)
    if len(char) == 1 and char.lower() in _LETTERS:
        return Cell(DOOR, char)
    raise ValueError(f"unknown map character {char!r}")
