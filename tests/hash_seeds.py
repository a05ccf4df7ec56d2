"""The hash-seed tests' interpreters: one for each hash seed, for the whole run, running every job asked under that
seed. Three tests (levels, features, training) each compare what interpreters with different PYTHONHASHSEEDs
make; one interpreter a test and seed started seven, about half a second of CPU each to import numpy and the
package. Here each seed's interpreter runs the jobs of every test that asks for it (one after another: a job
still runs under its seed, as it did alone), once a run (``shared_build``: the first worker to ask builds it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shared_build import shared_folder

ROOT = Path(__file__).resolve().parents[1]

# Each job prints what its test compares, or writes it into the folder ``OUT`` (a ``Path``, one a seed).
LEVELS = (
    "from procmem_tui.world import generate, format_level\n"
    "for s in range(6):\n"
    "    print(format_level(generate('doorkey', 8, s)), end='')\n"
    "    print(format_level(generate('doorkey', 9, s, boxes=5)), end='')\n"
    "    print(format_level(generate('rooms', 14, s, rooms=4, distractors=2)), end='')\n"
)

FEATURES = """
import hashlib
from procmem_tui.memory.features import fact_mask, level_fingerprint, sequence_embedding, skill_embedding, state_embedding
from procmem_tui.world import GridWorld, load_level, solve, builtin_level_names
h = hashlib.sha256()
for name in ("classic", "two_doors", "distractor_keys"):
    level = load_level(name)
    world = GridWorld(level)
    h.update(level_fingerprint(level).encode())
    for action in solve(level):
        emb = state_embedding(level, world.state)
        h.update(emb.tobytes())
        h.update(skill_embedding(emb, ["move_up", action.value, "pickup_key"]).tobytes())
        world.step(action)
h.update(sequence_embedding(["goto:key", "pickup_key", "goto:door", "open_door"]).tobytes())
h.update(fact_mask(["pos:1,2", "holding:a", "sees:goal", "level:abc"]).tobytes())
print(h.hexdigest())
"""

# Two training verbs into a library of the seed's own: train's JSON and the ``skills export`` file.
TRAINING = (
    "from procmem_tui.cli import main\n"
    "lib, out, export = (str(OUT / name) for name in ('lib.sqlite3', 'train.json', 'skills.json'))\n"
    "assert main(['train', '--family', 'rooms', '--size', '10', '--episodes', '6', '--library', lib, '--quiet',\n"
    "             '--json', out]) == 0\n"
    "assert main(['skills', 'export', export, '--library', lib]) == 0\n"
)

# job: (its script, the hash seeds its test compares)
JOBS = {"levels": (LEVELS, ("0", "4242")), "features": (FEATURES, ("0", "1", "4242")),
        "training": (TRAINING, ("1", "4242"))}

_RUNNER = """
import contextlib, io, sys
from pathlib import Path
folder = Path(sys.argv[1])
for job in sys.argv[2:]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(open(folder / (job + '.py')).read(), job, 'exec'), {'OUT': folder, '__name__': '__' + job + '__'})
    (folder / (job + '.out')).write_text(out.getvalue())
"""


def _build(folder: Path) -> None:
    for seed in sorted({s for _, seeds in JOBS.values() for s in seeds}):
        jobs = [job for job, (_, seeds) in JOBS.items() if seed in seeds]
        here = folder / seed
        here.mkdir()
        for job in jobs:
            (here / f"{job}.py").write_text(JOBS[job][0])
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        run = subprocess.run([sys.executable, "-c", _RUNNER, str(here), *jobs], env=env, capture_output=True,
                             text=True, timeout=300)
        assert run.returncode == 0, run.stderr


@pytest.fixture(scope="session")
def hash_seed_runs(tmp_path_factory) -> Path:
    """The folder of each seed's run (``SEED/JOB.out``: what a job printed; the training job's files), made once."""
    return shared_folder(tmp_path_factory, "hash_seed_runs", _build)
