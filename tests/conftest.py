"""Suite-wide ordering: the browser tests run last.

Playwright's sync API keeps an event loop running on the main thread while the (session-scoped)
browser is open, and any later test that calls asyncio.run() would then fail with "cannot be
called from a running event loop". Running tests/e2e/browser at the end, where the browser is
closed at session teardown, keeps both kinds of test in one pytest run.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    def in_browser_tests(item: pytest.Item) -> bool:
        return "e2e/browser/" in item.nodeid

    items.sort(key=in_browser_tests)  # stable: the order within each group is kept
