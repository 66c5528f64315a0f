"""The command lines a user could run on a file, by its extension (outputs go to `work`)."""

from __future__ import annotations

from pathlib import Path


def commands_for(path: Path, work: Path) -> list[list[str]]:
    name = str(path)
    review = ["--verbose", "review", name, "-o", str(work / "review.xlsx"), "-j", "1"]
    if path.suffix == ".nianbao":
        return [
            ["--verbose", "check", name],
            ["--verbose", "export", name, "-o", str(work / "out.xlsx")],
            ["--verbose", "export", name, "-o", str(work / "out.pdf")],
            ["--verbose", "export", name, "-o", str(work / "out.docx")],
            ["--verbose", "export", name, "-o", str(work / "out.html")],
            ["--verbose", "new", "--year", "2025", "--from", name, "-o", str(work / "new.nianbao")],
            review,
        ]
    return [
        ["--verbose", "import", name, "-o", str(work / "imported.nianbao")],
        ["--verbose", "new", "--year", "2026", "--from", name, "-o", str(work / "new.nianbao")],
        review,
    ]
