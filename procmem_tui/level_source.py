"""Where a session's levels come from (``LevelSource``), apart from the session: ``procmem play`` builds one
before its first frame, which must not wait for the session's modules (``tui.start``)."""

from __future__ import annotations

from dataclasses import dataclass

from procmem_tui.world import Level, generate


@dataclass(frozen=True)
class LevelSource:
    """Where episodes' levels come from: one fixed level, a family where episode i plays ``seed + i``, or several
    levels taken round-robin (episode i plays ``levels[i % len(levels)]``)."""

    level: Level | None = None
    family: str | None = None
    size: int = 8
    seed: int = 0
    options: tuple[tuple[str, object], ...] = ()
    levels: tuple[Level, ...] = ()

    @classmethod
    def fixed(cls, level: Level) -> "LevelSource":
        return cls(level=level)

    @classmethod
    def cycle(cls, levels) -> "LevelSource":
        """Several levels, round-robin: A, B, C, A, B, C, …"""
        levels = tuple(levels)
        if not levels:
            raise ValueError("a round-robin source needs at least one level")
        return cls(levels=levels) if len(levels) > 1 else cls(level=levels[0])

    @property
    def advances(self) -> bool:
        """True when the next episode plays another layout (a family, or several levels)."""
        return self.family is not None or bool(self.levels)

    @classmethod
    def generated(cls, family: str, size: int, seed: int = 0, **options) -> "LevelSource":
        generate(family, size, seed, **options)  # fail early on bad arguments
        return cls(family=family, size=size, seed=seed, options=tuple(sorted(options.items())))

    def level_for(self, index: int) -> tuple[Level, int | None]:
        """The level of the ``index``-th layout (0-based) and its generator seed (None for a fixed level)."""
        if self.level is not None:
            return self.level, None
        if self.levels:
            return self.levels[index % len(self.levels)], None
        seed = self.seed + index
        return generate(self.family, self.size, seed, **dict(self.options)), seed

    @property
    def label(self) -> str:
        if self.level is not None:
            return self.level.name
        if self.levels:
            return f"{len(self.levels)} levels ({', '.join(lv.name for lv in self.levels[:3])}{', …' if len(self.levels) > 3 else ''})"
        return f"{self.family} {self.size}x{self.size}"
