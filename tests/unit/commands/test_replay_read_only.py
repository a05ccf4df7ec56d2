"""``procmem replay`` of a recorded episode in a library the user may not write (a read-only file or folder, a
shared copy): the episode replays, the library is only read, and a take-over then plays on unrecorded (the app
says "could not be saved ... playing on without saving"). The docs list replay among the verbs that work on a
read-only library, but it refused it: "the library file is read-only; choose another --library"."""

from __future__ import annotations

import argparse
import os

from procmem_tui.commands import replay
from procmem_tui.memory import store_file


class _NoWrite:
    """``os`` as the library check sees it where the user may not write (root may write anything: a chmod would
    not do in a test run as root)."""

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def access(path, mode, **kwargs):
        return False if mode & os.W_OK else os.access(path, mode, **kwargs)


def test_replay_reads_a_library_it_may_not_write(classic_trained, tmp_path, monkeypatch):
    library = tmp_path / "lib.sqlite3"
    library.write_bytes((classic_trained / "lib.sqlite3").read_bytes())
    before = library.read_bytes()
    monkeypatch.setattr(store_file, "os", _NoWrite())
    args = argparse.Namespace(json=None, library=str(library), fresh=False, keep_episodes=None, episode="last",
                              agent="procmem")
    rec, store = replay.load(args)
    try:
        assert store.read_only and rec.row.episode == 2
        assert len(store.load_library()) > 0
    finally:
        store.close()
    assert library.read_bytes() == before
