"""The dbt project as a whole: it parses offline, and it builds on what the real extractor
writes (loaded through orchestration.load) without dropping a figure."""
from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from orchestration import ingest, load, warehouse
from tests.support.dbt import DBT_DIR, FIXTURES, run_dbt

MARTS = {"dim_document", "dim_region", "dim_indicator", "dim_period", "fct_figure",
         "fct_target_outcome", "fct_estimate_revision", "mart_key_indicators"}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> dict:
    """`dbt parse` against a database path that does not exist: parsing must not need one."""
    tmp = tmp_path_factory.mktemp("dbt_parse")
    result = run_dbt(["parse"], tmp / "absent" / "never-created.duckdb", tmp)
    assert result.returncode == 0, result.stdout[-3000:]
    assert not (tmp / "absent").exists()
    return json.loads((tmp / "target" / "manifest.json").read_text())


@pytest.mark.slow
def test_parse_needs_no_database_and_documents_every_column(manifest):
    models = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    assert MARTS <= set(models)
    undocumented = [f"{name}.{col}" for name, n in models.items()
                    for col, c in n["columns"].items() if not c.get("description")]
    assert not [n for n in models.values() if not n.get("description")]
    assert undocumented == []
    # Every model file has its yml, with every selected column documented in it.
    for path in (DBT_DIR / "models").rglob("*.sql"):
        assert path.with_suffix(".yml").exists(), path.name
    unit_tests = {n["name"] for n in manifest["unit_tests"].values()}
    # PostgreSQL truncates names past 63 bytes, and dbt refuses them there.
    too_long = [n for n in unit_tests | set(models) if len(n.encode()) > 63]
    assert too_long == []
    assert {"test_int_indicator_phrase_matches_alias_rules", "test_int_indicator_phrase_cuts_keys",
            "test_int_indicator_phrase_classes_heads",
            "test_int_figure_indicators_alias_and_headline_gate", "test_int_figure_indicators_class_gate",
            "test_int_figure_units_scaling", "test_int_target_outcomes_met_rules"} <= unit_tests


def test_models_avoid_duckdb_only_syntax():
    """Models must port to PostgreSQL: no `::` casts, EXCLUDE, GROUP BY ALL or list functions."""
    banned = ["::", " exclude ", "exclude(", "group by all", "list_", "array_agg", "unnest("]
    for path in (DBT_DIR / "models").rglob("*.sql"):
        sql = " ".join(line.split("--")[0] for line in path.read_text().lower().splitlines())
        assert not [b for b in banned if b in sql], path.name


@pytest.mark.slow
def test_build_on_real_extractor_output_keeps_every_figure(tmp_path):
    """Also: a warehouse without raw.quarantine (written before validation existed) builds."""
    raw = tmp_path / "raw"
    for src in (FIXTURES / "raw").rglob("*.txt"):
        dest = raw / src.parent.name / src.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    db = tmp_path / "work.duckdb"
    with warehouse.connect(db) as con:
        files, errors = ingest.scan(raw)
        assert not errors and len(files) == 5
        for f in files:
            doc = load.load_document(con, ingest.read(f), run_id="smoke")
            load.load_figures(con, f.document_id, doc.version, run_id="smoke")
        (extracted,) = con.execute("select count(*) from raw.figures").fetchone()
        con.execute("drop table raw.quarantine")
    assert extracted > 20
    result = run_dbt(["build"], db, tmp_path)
    assert result.returncode == 0, result.stdout[-6000:]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from fct_figure").fetchone()[0] == extracted
        assert con.execute("select count(*) from staging.stg_quarantine").fetchone()[0] == 0
        regions = {r[0] for r in con.execute("select distinct region_code from fct_figure").fetchall()}
        assert regions == {"330523", "330000", "320000"}
        # The plainest target sentence in the fixtures, as the extractor reads it today.
        (target,) = con.execute("""select target_growth_pct from mart_key_indicators
                                   where region_code = '330523' and period = 2025 and indicator_id = 'gdp'""").fetchone()
        assert target == 6.0


@pytest.mark.slow
def test_data_tests_catch_bad_rows(tmp_path):
    """The generic tests can fail: a bad measure and reversed offsets stop the build."""
    db = tmp_path / "work.duckdb"
    with warehouse.connect(db) as con:
        con.execute("""insert into raw.documents (document_id, version, sha256, kind, source_path, byte_size,
                           encoding, original_text, normalized_text, offset_map, ingested_at)
                       values ('d', 1, 'x', 'report', 'reports/d.txt', 1, 'utf_8', 't', 't', '[]', now())""")
        con.execute("""insert into raw.figures (document_id, version, figure_no, text, start_offset, end_offset,
                           value, unit, measure, status, qualifier, extractor_version, extracted_at)
                       values ('d', 1, 1, '5%', 9, 7, 5, '%', 'bogus', 'actual', 'eq', 't', now())""")
    result = run_dbt(["build", "--select", "stg_figures"], db, tmp_path)
    assert result.returncode != 0
    assert "FAIL 1 accepted_values_stg_figures_measure" in result.stdout
    assert "FAIL 1 expression_is_true_stg_figures_end_offset" in result.stdout


CONTRACT = {
    "fct_figure": {"document_id", "region_code", "indicator_id", "period", "value", "value_high", "unit",
                   "scale", "value_base", "base_unit", "measure", "status", "qualifier", "of",
                   "indicator_text", "indicator_match", "indicator_scope", "text", "start_offset", "end_offset",
                   "sentence", "is_key"},
    "dim_document": {"document_id", "version", "kind", "title", "issuer", "document_date", "region_code",
                     "review_year", "plan_year", "sha256", "is_latest"},
    "dim_region": {"region_code", "name_zh", "name_en", "level", "parent_code"},
    "dim_indicator": {"indicator_id", "name_zh", "name_en", "unit_family", "is_key", "kind"},
    "dim_period": {"period"},
    "fct_target_outcome": {"region_code", "indicator_id", "period", "measure", "target_value",
                           "target_qualifier", "outcome_value", "is_met"},
    "fct_estimate_revision": {"region_code", "indicator_id", "period", "measure", "estimate_value",
                              "final_value", "revision", "relative_revision"},
    "mart_key_indicators": {"region_code", "period", "indicator_id", "level", "growth_pct", "target_growth_pct",
                            "estimate_level", "final_level"},
}


@pytest.mark.slow
def test_public_contract_columns_are_declared(manifest):
    """DESIGN.md's names: adding columns is free, renaming one must fail here first."""
    declared = {n["name"]: set(n["columns"]) for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    missing = {m: sorted(cols - declared.get(m, set())) for m, cols in CONTRACT.items() if cols - declared.get(m, set())}
    assert missing == {}
    booleans_not_is = [f"{m}.{c}" for m, cols in declared.items() for c in cols
                       if c.startswith(("has_", "met")) or c == "latest"]
    assert booleans_not_is == []
