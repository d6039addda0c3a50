"""What an import brought over, and what it could not carry and why (in both languages)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ImportReport"]


@dataclass(slots=True)
class ImportReport:
    source_version: str | None = None
    schema_version: int | None = None
    # kind -> (count, English name, Chinese name), in the order they were carried
    counts: dict[str, tuple[int, str, str]] = field(default_factory=dict)
    notes: list[tuple[str, str]] = field(default_factory=list)
    account_usable: bool = False

    def count(self, kind: str, value: int, en: str, zh: str) -> None:
        self.counts[kind] = (value, en, zh)

    def note(self, en: str, zh: str) -> None:
        self.notes.append((en, zh))

    def lines(self) -> list[str]:
        version = self.source_version or "3.x"
        known = self.schema_version is not None
        schema_en = f" (schema {self.schema_version})" if known else ""
        schema_zh = f"（架构版本 {self.schema_version}）" if known else ""
        out = [
            f"Imported from AutoBangumi {version}{schema_en}. / 已从 AutoBangumi {version}{schema_zh}导入。"
        ]
        for value, en, zh in self.counts.values():
            out.append(f"  {en}: {value} / {zh}：{value}")
        if self.notes:
            out.append("Not carried, or needs a step from you: / 未能导入或需要您处理：")
            out.extend(f"  - {en} / {zh}" for en, zh in self.notes)
        return out
