"""Dagster definitions, one concern per module; ``orchestration.definitions`` assembles them."""
