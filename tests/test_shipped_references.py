import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
UNSHIPPED = re.compile(r"DESIGN\.md|STYLE\.md|anchors\.md|law-and-policy")


def test_docs_and_docstrings_point_only_to_files_that_ship():
    """No docstring, doc page, README or example points to a file the package does not ship."""
    files = [
        *ROOT.joinpath("src").rglob("*.py"),
        *ROOT.joinpath("docs").glob("*.md"),
        *ROOT.joinpath("examples").rglob("*.py"),
        ROOT / "README.md",
    ]
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()[:80]}"
        for path in files
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if UNSHIPPED.search(line)
    ]
    assert found == [], "point to docs/design.md or docs/law.md instead:\n" + "\n".join(found)
