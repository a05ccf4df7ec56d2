"""A file a user names is refused in English: "an episode file", "a skills export". The refusals once read "is a
folder, not a episode file" and "too big for a episode file"."""

from __future__ import annotations

import pytest

from procmem_tui.userfiles import FileRefused, read_text


@pytest.mark.parametrize("what, article", [("episode file", "an"), ("skills export", "a")])
def test_refusals_put_the_right_article_before_what_was_expected(tmp_path, what, article):
    with pytest.raises(FileRefused, match=f": is a folder, not {article} {what}$"):
        read_text(tmp_path, 100, what)
    big = tmp_path / "big.json"
    big.write_text("x" * 101)
    with pytest.raises(FileRefused, match=f"101 bytes is too big for {article} {what} "):
        read_text(big, 100, what)
