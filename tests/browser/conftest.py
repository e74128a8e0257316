from __future__ import annotations

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread


@pytest.fixture(scope="session")
def site_server(django_db_setup, django_db_blocker):
    """The site served on 127.0.0.1 over the committed demo data.

    Unlike pytest-django's live_server this does not flush the database afterwards,
    so the demo marketplace stays for the next run of a reused test database.
    """
    with django_db_blocker.unblock():
        thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        try:
            yield f"http://127.0.0.1:{thread.port}"
        finally:
            thread.terminate()
