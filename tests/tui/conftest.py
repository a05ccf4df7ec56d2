import pytest

from tui_helpers import build_app


@pytest.fixture
def app():
    return build_app()
