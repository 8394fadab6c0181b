"""The batch layer: intake, census, reconciliation (批量处理：数据接收、台账合并、三比对).

Take in the departments' tables row by row (:func:`intake`), merge them into the
census of school-age children (:func:`build_census`), reconcile 户籍, 学籍 and
attendance (:func:`reconcile`) and open cases from what it finds
(:func:`open_cases`). Everything is pure and streaming where it can be, and
partitionable by ID (:func:`partition_of`), so the same functions run on Dask
(:mod:`kongchuo.batch.distributed`).

Example:
    >>> from kongchuo.batch import Feed, MAPPINGS
    >>> MAPPINGS[Feed.REGISTRATION].columns["学籍号"]
    'student_number'

References:
    FC-1.1, FC-1.4, FC-2.2, FC-2.5, FC-3.1; 教育部办公厅 2024 常态化报告工作机制 (四查三比对).
"""

from kongchuo._core.names import publish
from kongchuo.batch._census import (
    Census,
    CensusEntry,
    Conflict,
    SourceRef,
    build_census,
    child_key,
)
from kongchuo.batch._columnar import Columns, IntakeColumns, read_columns
from kongchuo.batch._feeds import (
    MAPPINGS,
    ColumnMapping,
    Feed,
    HouseholdStatus,
    load_mapping,
    mapping_from_dict,
)
from kongchuo.batch._intake import (
    INTAKE_DEFAULTS,
    Intake,
    IntakeDefaults,
    Record,
    RowOutcome,
    RowResult,
    intake,
    school_year_of,
)
from kongchuo.batch._jsonl import read_jsonl, write_jsonl
from kongchuo.batch._reconcile import (
    COLUMNAR_FROM,
    ED_FI_BANDS,
    Band,
    Discrepancy,
    DiscrepancyKind,
    Exemption,
    ExemptionKind,
    Openings,
    Reconciliation,
    StudentBand,
    WarningBands,
    open_cases,
    partition_of,
    reconcile,
)
from kongchuo.batch._synthetic import SyntheticCounty, synthetic_feeds
from kongchuo.batch._tables import Row, read_csv, read_xlsx, rows_from_mappings

__all__ = [
    "COLUMNAR_FROM",
    "ED_FI_BANDS",
    "INTAKE_DEFAULTS",
    "MAPPINGS",
    "Band",
    "Census",
    "CensusEntry",
    "ColumnMapping",
    "Columns",
    "Conflict",
    "Discrepancy",
    "DiscrepancyKind",
    "Exemption",
    "ExemptionKind",
    "Feed",
    "HouseholdStatus",
    "Intake",
    "IntakeColumns",
    "IntakeDefaults",
    "Openings",
    "Reconciliation",
    "Record",
    "Row",
    "RowOutcome",
    "RowResult",
    "SourceRef",
    "StudentBand",
    "SyntheticCounty",
    "WarningBands",
    "build_census",
    "child_key",
    "intake",
    "load_mapping",
    "mapping_from_dict",
    "open_cases",
    "partition_of",
    "read_columns",
    "read_csv",
    "read_jsonl",
    "read_xlsx",
    "reconcile",
    "rows_from_mappings",
    "school_year_of",
    "synthetic_feeds",
    "write_jsonl",
]

publish(globals())
