"""What an import did, counted: created, updated and skipped, with the reasons for skipping."""

from collections import Counter
from dataclasses import dataclass, field

KINDS = ("stories", "authors", "sections", "tags", "pictures")
# Skipping for this reason is the point of running an import again, not a problem.
UNCHANGED = "unchanged since the last import"


@dataclass
class Problem:
    """Something about one item of the export, named by its GUID (or the name it has)."""

    guid: str
    message: str


@dataclass
class Report:
    counts: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in KINDS})
    reasons: dict[str, Counter] = field(default_factory=lambda: {k: Counter() for k in KINDS})
    problems: list[Problem] = field(default_factory=list)
    unknown_shortcodes: Counter = field(default_factory=Counter)
    skipped_types: Counter = field(default_factory=Counter)
    file_problem: str = ""

    def created(self, kind: str, count: int = 1) -> None:
        self.counts[kind]["created"] += count

    def updated(self, kind: str, count: int = 1) -> None:
        self.counts[kind]["updated"] += count

    def skipped(self, kind: str, reason: str, *, guid: str = "") -> None:
        """One ``kind`` left alone for ``reason``; with a GUID it is also listed as a problem."""
        self.counts[kind]["skipped"] += 1
        self.reasons[kind][reason] += 1
        if guid:
            self.problems.append(Problem(guid, reason))

    def warn(self, guid: str, message: str) -> None:
        """Something imported otherwise than the export had it (a byline left out)."""
        self.problems.append(Problem(guid, message))

    def changed_anything(self) -> bool:
        return any(counts["created"] or counts["updated"] for counts in self.counts.values())

    def lines(self, *, dry_run: bool = False) -> list[str]:
        """The report as printed at the end of a run."""
        lines = [
            "Dry run: nothing was saved. The import would do this:"
            if dry_run
            else "Import finished."
        ]
        if self.file_problem:
            lines.append(f"The export could not be read to its end: {self.file_problem}")
        lines.append(f"{'':10}{'created':>9}{'updated':>9}{'skipped':>9}")
        for kind in KINDS:
            counts = self.counts[kind]
            lines.append(
                f"{kind.capitalize():10}{counts['created']:>9}{counts['updated']:>9}"
                f"{counts['skipped']:>9}"
            )
            for reason, count in self.reasons[kind].most_common():
                lines.append(f"    {count} skipped: {reason}")
        if self.skipped_types:
            kinds = ", ".join(f"{count} {name}" for name, count in self.skipped_types.most_common())
            lines.append(f"Items that are not stories, left out: {kinds}")
        if self.unknown_shortcodes:
            codes = ", ".join(
                f"[{name}] ×{count}" for name, count in self.unknown_shortcodes.most_common()
            )
            lines.append(f"Shortcodes kept as text: {codes}")
        if self.problems:
            lines.append(f"Items to look at ({len(self.problems)}):")
            lines.extend(f"    {problem.guid}: {problem.message}" for problem in self.problems)
        return lines
