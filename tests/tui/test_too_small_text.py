"""What a page too small for the game says in a browser: a phone turned sideways (its browser lays the page out
980 pixels wide, so 21 rows on a 844×390 phone) can neither zoom out with keys nor enlarge a window; the message
also tells it to hold the phone upright, where the game fits. It once gave only the desktop's ways back."""

from __future__ import annotations

from procmem_tui.tui.screens.main import too_small_text


def test_the_browsers_too_small_message_tells_a_phone_to_turn_upright():
    text = too_small_text((108, 21), web=True)
    assert "The page fits 108×21 characters" in text and "Zoom out" in text
    assert "On a phone, hold it upright." in text
    assert "phone" not in too_small_text((108, 21))  # a terminal is not a phone
