"""What ``import kongchuo`` loads, and what it leaves for first use (issue 16).

Each check runs in a fresh interpreter, so that what other tests imported does not
hide what the bare import loads.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import kongchuo.policy

LEFT_FOR_FIRST_USE = ("cattrs", "chinese_calendar", "stdnum", "tomllib", "hmac")


def _run(code: str) -> str:
    out = subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def _loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    return set(_run(probe).split())


def test_bare_import_leaves_heavy_dependencies_unloaded() -> None:
    """``import kongchuo`` loads neither cattrs, chinesecalendar, stdnum, tomllib nor hmac."""
    loaded = _loaded_after("import kongchuo")
    assert loaded.isdisjoint(LEFT_FOR_FIRST_USE), loaded & set(LEFT_FOR_FIRST_USE)


def test_bare_import_leaves_policy_profiles_unloaded() -> None:
    """The shipped profiles, loading and export are built only when first read."""
    code = "import sys, kongchuo; print(sorted(m for m in sys.modules if 'policy._' in m))"
    loaded = _run(code)
    for module in ("_profiles", "_loading", "_export", "_describe"):
        assert f"kongchuo.policy.{module}'" not in loaded


def test_first_use_loads_what_it_needs() -> None:
    """A document, a calendar test and an ID's region load their dependency on first use."""
    code = (
        "import datetime as dt, kongchuo\n"
        "doc = {'code': '2137098301', 'name': '王瓜店中学', 'kind': 'junior_secondary',"
        " 'jurisdiction': '370983003'}\n"
        "assert kongchuo.from_dict(doc, kongchuo.School).name == '王瓜店中学'\n"
        "assert kongchuo.ChinaCalendar().is_workday(dt.date(2025, 10, 11))\n"
        "assert kongchuo.ResidentId.parse('11010519491231002X', strict_region=True)\n"
    )
    loaded = _loaded_after(code)
    assert {"cattrs", "chinese_calendar"} <= loaded


def test_lazy_names_are_listed_and_published() -> None:
    """``dir()`` and ``__all__`` list the names a facade loads on first use; they resolve."""
    assert {"NATIONAL", "FEICHENG", "load_policy"} <= set(dir(kongchuo.policy))
    for name in kongchuo.policy.__all__:
        assert getattr(kongchuo.policy, name) is not None
    from kongchuo.policy import NATIONAL

    assert NATIONAL is kongchuo.policy.NATIONAL


def test_unknown_name_is_an_attribute_error() -> None:
    """A name the facade does not have is an AttributeError naming it, as before."""
    with pytest.raises(AttributeError, match="no attribute 'NATINAL'"):
        _ = kongchuo.policy.NATINAL  # type: ignore[attr-defined]


def test_batch_and_reports_leave_stdnum_unloaded() -> None:
    """``import kongchuo.batch, kongchuo.reports`` makes check characters without stdnum."""
    loaded = _loaded_after("import kongchuo.batch, kongchuo.reports")
    assert "stdnum" not in loaded
