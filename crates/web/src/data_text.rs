//! What an import says to a person, in their language: why a row was refused (naming
//! what to fix) and why a whole file could not be read. Pages, the API's problem
//! details and the CLI all use these words.

use forja_core::monitoring::indicator::UnitProblem;
use forja_core::monitoring::layout::LayoutProblem;
use forja_core::monitoring::numbers::{DecimalMark, MarkQuestion};
use forja_core::monitoring::rows::{ColumnProblem, Reason, Reject};
use forja_core::monitoring::text::TextProblem;
use forja_services::monitoring::import::FileProblem;
use forja_services::monitoring::sheet::SheetProblem;

use crate::i18n::Tr;

/// Why a row was refused.
pub fn reason(tr: &Tr, r: &Reject) -> String {
    match &r.reason {
        Reason::UnknownIndicator { code } => tr.t1("import-reason-unknown-indicator", "code", code),
        Reason::NotReported { code } => tr.t1("import-reason-not-reported", "code", code),
        Reason::Computed {
            code,
            numerator,
            denominator,
        } => tr.t3(
            "import-reason-computed",
            ("code", code),
            ("numerator", numerator),
            ("denominator", denominator),
        ),
        Reason::NotADimensionOf {
            dimension,
            indicator,
        } => tr.t2(
            "import-reason-not-a-dimension",
            ("indicator", indicator),
            ("dimension", dimension),
        ),
        Reason::UnknownCode { dimension, code } => tr.t2(
            "import-reason-unknown-code",
            ("code", code),
            ("dimension", dimension),
        ),
        Reason::Period { text } => tr.t1("import-reason-period", "text", text),
        Reason::NoValue => tr.t("import-reason-no-value"),
        Reason::NotANumber { text } => tr.t1("import-reason-not-a-number", "text", text),
        Reason::Unit { problem, .. } => tr.t(match problem {
            UnitProblem::NotANumber => "import-reason-unit-not-a-number",
            UnitProblem::PercentRange => "import-reason-unit-percent",
            UnitProblem::Count => "import-reason-unit-count",
            UnitProblem::Per1000Range => "import-reason-unit-per-1000",
            UnitProblem::YesNo => "import-reason-unit-yes-no",
        }),
        Reason::Status { text } => tr.t1("import-reason-status", "text", text),
        Reason::Sample { text } => tr.t1("import-reason-sample", "text", text),
        Reason::Action { text } => tr.t1("import-reason-action", "text", text),
        Reason::Duplicate { first_line } => tr.t1("import-reason-duplicate", "line", first_line),
        Reason::Short => tr.t("import-reason-short"),
        Reason::Binary => tr.t("import-reason-binary"),
    }
}

fn mark(tr: &Tr, m: DecimalMark) -> String {
    tr.t(match m {
        DecimalMark::Comma => "import-mark-comma",
        DecimalMark::Point => "import-mark-point",
    })
}

/// Why a whole file could not be read, and what to do.
pub fn file_problem(tr: &Tr, p: &FileProblem) -> String {
    match p {
        FileProblem::Text(TextProblem::Empty) => tr.t("import-file-empty"),
        FileProblem::Text(TextProblem::Binary) => tr.t("import-file-binary"),
        FileProblem::Text(TextProblem::Encoding { looks_like }) => {
            tr.t1("import-file-encoding", "encoding", looks_like)
        }
        FileProblem::NoSeparator => tr.t("import-file-no-separator"),
        FileProblem::Layout(LayoutProblem::NoValueColumn) => tr.t("import-file-no-value-column"),
        FileProblem::Layout(LayoutProblem::NoTimeColumn) => tr.t("import-file-no-time-column"),
        FileProblem::Layout(LayoutProblem::DuplicateColumn { name }) => {
            tr.t1("import-file-duplicate-column", "name", name)
        }
        FileProblem::Columns(ColumnProblem::UnknownColumn { name }) => {
            tr.t1("import-file-unknown-column", "name", name)
        }
        FileProblem::Columns(ColumnProblem::NoIndicator) => tr.t("import-file-no-indicator"),
        FileProblem::DecimalMark(MarkQuestion::Mixed {
            point_row,
            comma_row,
        }) => tr.t2(
            "import-mark-mixed",
            ("point", point_row),
            ("comma", comma_row),
        ),
        FileProblem::DecimalMark(MarkQuestion::Unsure { row }) => {
            tr.t1("import-mark-unsure", "line", row)
        }
        FileProblem::DecimalMark(MarkQuestion::Contradicts { declared, row }) => tr.t2(
            "import-mark-contradicts",
            ("line", row),
            ("declared", &mark(tr, *declared)),
        ),
        FileProblem::Unreadable(_) => tr.t("import-file-unreadable"),
        FileProblem::Sheet(SheetProblem::Unreadable) => tr.t("import-sheet-unreadable"),
        FileProblem::Sheet(SheetProblem::Empty { sheet }) => {
            tr.t1("import-sheet-empty", "sheet", sheet)
        }
        FileProblem::Sheet(SheetProblem::Formula { sheet, cell }) => {
            tr.t2("import-sheet-formula", ("sheet", sheet), ("cell", cell))
        }
        FileProblem::Sheet(SheetProblem::Merged { sheet, cells }) => {
            tr.t2("import-sheet-merged", ("sheet", sheet), ("cells", cells))
        }
    }
}
