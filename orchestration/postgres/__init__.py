"""The PostgreSQL endpoint for BI tools, in four parts that depend one way:

    endpoint.py    where the endpoint is (ZHIBIAO_PG_URL or our private cluster) and who reads it
    cluster.py     the private cluster's lifecycle: initdb, configuration, start, stop
    scratch.py     a throw-away cluster (trust, deleted on exit) for comparing dbt engines
    roles.py       the reader roles and the hardening of the database
    loading.py     loading a published snapshot's marts: COPY into a new schema, then a swap
    keys.py        primary and foreign keys, as dbt's tests declare them
    configured.py  the endpoint publishes load into, and that load

`orchestration.serve` (the `zhibiao serve` command) puts them together; publishing reaches them
through the PostgreSQL sink (orchestration/sinks/postgres.py).
"""
