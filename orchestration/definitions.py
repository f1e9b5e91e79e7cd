"""The one Definitions object: `dagster dev -m orchestration.definitions` opens it (the graph is
assembled in defs/graph.py)."""
from .defs.graph import ASSETS, build_definitions  # noqa: F401 - ASSETS: the graph's assets, for callers

defs = build_definitions()
