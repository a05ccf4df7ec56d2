"""Textual's parsed CSS kept for every app a test process starts, not for one app only.

Each app's ``Stylesheet`` parses every source it holds (the app's CSS and each widget class's ``DEFAULT_CSS``,
about 35 for procmem's main screen) into rule sets and keeps them only for itself, so every Pilot test paid the
whole parse again: 20-35 ms of CPU an app start, about a twentieth of it. Parsing is a function of the source,
where it was read from, its rank and scope, and the theme's variables substituted into it; here the rule sets are
kept per process under all of those, as each ``Stylesheet`` already keeps them under the first five (its own
cache is emptied when its variables change). Textual reads rule sets and never changes them, so two apps sharing
them see what each would have parsed. The first app of a process parses as before, and a source that fails to
parse raises as before (a failed parse is never kept). Test-only: a person's ``procmem`` runs one app."""

from __future__ import annotations

import inspect

_PARSED: dict[tuple, list] = {}


def share_parsed_css() -> bool:
    """Keep parsed rule sets across apps in this process; False (nothing changed) where Textual's private
    ``Stylesheet._parse_rules`` is not the one this was read from (Textual 8.2)."""
    try:
        from textual.css.stylesheet import Stylesheet
    except ImportError:
        return False
    parse_rules = Stylesheet.__dict__.get("_parse_rules")
    if getattr(parse_rules, "shared", False):
        return True
    expected = ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]
    if parse_rules is None or list(inspect.signature(parse_rules).parameters) != expected:
        return False

    def shared(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
        rules = _PARSED.get(key)
        if rules is None:
            rules = _PARSED[key] = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        return rules

    shared.shared = True
    Stylesheet._parse_rules = shared
    return True
