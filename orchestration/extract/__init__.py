"""The figure extractor: text in, figures out. No Dagster, dbt or DuckDB in here.

    from orchestration.extract import extract, describe_document, EXTRACTOR_VERSION
    figures = extract(text)          # offsets point into `text` as given
"""
from .model import DocumentInfo, Figure
from .pipeline import EXTRACTOR_VERSION, describe_document, extract
from .mentions import Mention, find_mentions
from .normalize import normalize

__all__ = ["EXTRACTOR_VERSION", "DocumentInfo", "Figure", "Mention", "describe_document", "extract",
           "find_mentions", "normalize"]
