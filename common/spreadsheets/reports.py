"""What an import found: its counts, and each error by the file's row, column and value."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


@dataclass
class RowError:
    row: int | None  # the spreadsheet's row number, the header being row 1; None for the file
    column: str
    value: str
    message: str

    def __str__(self):
        if self.row is None:
            return self.message
        where = _("第 %(row)d 行") % {"row": self.row}
        if self.column:
            where += _("，“%(column)s”列") % {"column": self.column}
            if self.value:
                where += _("（“%(value)s”）") % {"value": self.value}
        return f"{where}：{self.message}"


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    dry_run: bool = False
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        counts = {"total": self.total, "new": self.created, "update": self.updated}
        counts["skip"] = self.skipped
        if not self.ok:
            return _("共 %(count)d 处错误，文件中的记录均未写入。") % {"count": len(self.errors)}
        if self.dry_run:
            return (
                _(
                    "试导入：共 %(total)d 行，将新增 %(new)d 条、更新 %(update)d 条、"
                    "跳过 %(skip)d 条（未改变）；未写入任何记录。"
                )
                % counts
            )
        return (
            _(
                "已导入：共 %(total)d 行，新增 %(new)d 条、更新 %(update)d 条、"
                "跳过 %(skip)d 条（未改变）。"
            )
            % counts
        )
