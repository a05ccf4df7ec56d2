"""Skill names shortened to the skills column (``tui.short_names``): whole words only, and two different skills
never share a shortened name when a distinct form fits (cutting at the last column showed ``fetch key a fro…``
for two skills that differ only in where they start)."""

from __future__ import annotations

import re

import pytest

from procmem_tui.tui.short_names import fitting, shorten, shorten_all

NAMES = {"1": "fetch key a from 0,0 (classic)", "2": "fetch key a from 1,0 (classic)",
         "3": "open door A from 2,2 (classic)", "4": "reach goal from 2,3 (classic)",
         "5": "fetch key → open door → reach goal", "6": "fetch a key"}


@pytest.mark.parametrize("width", [14, 16, 18, 22, 24, 30])
def test_shortened_names_fit_keep_whole_words_and_stay_distinct(width):
    """At every column width, shortened skill names fit, cut only between words, keep only their own words, and two
    skills that differ only in their start stay distinct."""
    shown = shorten_all(NAMES, width)
    assert all(len(name) <= width for name in shown.values())
    assert not any(re.search(r"\w…", name) for name in shown.values()), shown
    assert shown["1"] != shown["2"], shown
    for key, name in shown.items():
        kept = [word for word in name.split() if word != "…"]
        assert all(word in NAMES[key].split() for word in kept)


def test_a_name_that_fits_is_kept_and_the_start_is_read_whole_when_that_is_enough():
    """A name that fits is kept whole; a longer one keeps its start when that is distinct enough, else the words
    that tell it apart."""
    assert shorten("fetch a key", 11, NAMES.values()) == "fetch a key"
    assert shorten("reach goal from 2,3 (classic)", 22, NAMES.values()) == "reach goal from 2,3 …"
    assert shorten("fetch key a from 0,0 (classic)", 16, NAMES.values()) == "fetch … 0,0 …"


def test_a_first_word_too_long_for_the_column_is_cut_as_a_last_resort():
    """Only a first word longer than the column is cut inside, ending in …."""
    assert shorten("disassembling everything", 8) == "disasse…"


def test_a_title_takes_the_widest_form_that_fits_else_whole_words():
    """A title takes the widest of its forms that fits, else as many whole words as fit, then …."""
    assert fitting(20, "classic · 5x5 · any key", "classic · 5x5") == "classic · 5x5"
    assert fitting(12, "a courier's round: each room") == "a …"
    assert fitting(14, "a courier's round: each room") == "a courier's …"
