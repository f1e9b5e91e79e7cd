"""zhibiao: figures from Chinese government documents, as a validated warehouse.

Where things live (top layer first; each imports only from those below it, see docs/layers.md):
- ``cli``, ``runner``  the ``zhibiao`` command; ``zhibiao run`` launches the jobs of defs/
- ``defs/``       Dagster (the only package importing it): assets, checks, jobs, partitions,
                  resources, schedules, sensors, ``launch`` (the jobs run in-process)
- ``serve``, ``report/``  ``zhibiao serve``; the HTML report
- ``publish``     build-then-swap snapshots for readers; ``sinks/`` write the rest (Parquet, PostgreSQL)
- ``postgres/``   the PostgreSQL endpoint: endpoint, cluster, roles, loading
- ``reader``      read-only connections to the published snapshot; ``checksums`` its record
- ``validate/``   Great Expectations suites from expectations/, quarantine
- ``load``, ``runstate``  documents and figures into raw tables; the last published run
- ``warehouse``, ``ingest``  the DuckDB raw tables Python writes; reading files under raw/
- ``extract/``    the figure extractor: text in, figures out (no Dagster, dbt or DuckDB)
- ``pointers``    a folder of versions behind a current/latest pointer (the lake, the Parquet export)
- ``config``, ``decoding``, ``faults``, ``files``, ``identifiers``, ``published``  the leaves
"""
