"""The endpoint publishes load into, and that load."""
from __future__ import annotations

import os

from orchestration.config import Settings

from .cluster import data_dir, is_running, private_endpoint, read_state
from .endpoint import DEFAULT_READER, ENV_PASSWORD, ENV_URL, ENV_USER, Endpoint, external_endpoint, reader_credentials
from .loading import load_snapshot
from .roles import configure


def configured_endpoint(settings: Settings) -> Endpoint | None:
    """The endpoint publishes should load into, or None: ``ZHIBIAO_PG_URL`` if set, else the
    private cluster if it is running. Raises ServeError if configured but unusable."""
    url = os.environ.get(ENV_URL)
    if url:
        return external_endpoint(url, os.environ.get(ENV_USER, DEFAULT_READER))
    state = read_state(settings)
    if state is None or not is_running(settings):
        return None
    return private_endpoint(settings, state)


def load_if_configured(settings: Settings) -> str:
    """Called by publish after each swap: load the published marts into the configured
    endpoint. Returns what happened; raises on a failed load."""
    endpoint = configured_endpoint(settings)
    if endpoint is None:
        if data_dir(settings).is_dir():
            return "skipped: private PostgreSQL not running (`zhibiao serve` loads the latest snapshot when it starts)"
        return "not configured"
    if not endpoint.private and os.environ.get(ENV_PASSWORD):
        # An existing server may never have seen `zhibiao serve`: make sure the role is there.
        configure(endpoint, reader_credentials()[1])
    run_id = load_snapshot(endpoint, settings.warehouse)
    return f"loaded {run_id} into {endpoint.reader_url}"
