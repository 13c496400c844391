"""The Facebook publisher against the real GraphQL endpoint (`live_server`) and a fake Graph API on loopback."""

import pytest

from tests.factories import create_site_tree

from .cms_proxy import CmsProxy
from .fake_graph import FakeGraphApi
from .helpers import CLIENT_TIMEOUT


@pytest.fixture
def fake_graph():
    api = FakeGraphApi().start()
    yield api
    api.stop()


@pytest.fixture
def facebook(settings, live_server, fake_graph):
    """The job configured in this process: content from `live_server`, posts to the fake Graph API."""
    settings.CMS_GRAPHQL_URL = f"{live_server.url}/graphql/"
    settings.FACEBOOK_GRAPH_API_URL = fake_graph.url
    settings.FACEBOOK_PAGE_ID = fake_graph.page_id
    settings.FACEBOOK_PAGE_ACCESS_TOKEN = fake_graph.access_token
    settings.FACEBOOK_HTTP_TIMEOUT_SECONDS = CLIENT_TIMEOUT
    settings.FACEBOOK_RECONCILE_DELAY_SECONDS = 0.0  # tests that need Facebook's lag set both sides
    # Publishing pages in a test must not start a run by itself (tests of the trigger switch it on).
    settings.FACEBOOK_PUBLISH_ON_PAGE_PUBLISH = False
    return fake_graph


@pytest.fixture
def tree(live_server):
    """The editors' page tree, committed so that `live_server` and job processes see it."""
    return create_site_tree()


@pytest.fixture
def cms_proxy(facebook, settings, live_server):
    """The job reads the CMS through a proxy that lets the test act between the CMS's answer and the job."""
    proxy = CmsProxy(upstream=f"{live_server.url}/graphql/").start()
    settings.CMS_GRAPHQL_URL = proxy.url
    yield proxy
    proxy.stop()
