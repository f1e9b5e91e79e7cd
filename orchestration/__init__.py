"""zhibiao: figures from Chinese government documents, as a validated warehouse.

Where things live:
- ``config``      settings (paths) read from the environment, with defaults
- ``ingest``      reading files under raw/: decoding, hashing, refusing bad input
- ``extract/``    the figure extractor: text in, figures out (no Dagster, dbt or DuckDB)
- ``warehouse``   the DuckDB raw tables that Python writes (dbt owns everything after)
- ``validate``    Great Expectations suites from expectations/, quarantine
- ``publish``     build-then-swap snapshots for readers, Parquet export
- ``serve``       the PostgreSQL endpoint for BI tools
- ``defs/``       Dagster: assets, checks, partitions, resources, schedules, sensors
- ``cli``         the ``zhibiao`` command
"""
