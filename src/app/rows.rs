//! A measure's history and breakdowns, edited as lists from the measure form: one row per
//! period and value (or per group of a breakdown); add, edit and delete rows; Esc goes
//! back to the form as it was typed, the list as edited. Nothing changes the document
//! until the measure form is saved, as one undoable change.

use super::form::{Field, FieldKind, Form, ListKind, Row};
use super::forms::Purpose;
use super::measure_fields::check_row;
use super::update::step;
use super::{Action, App, Effect, Mode};

/// A list field of a measure form, open: the form under it (as typed), which field, and
/// the cursor.
#[derive(Debug, Clone, PartialEq)]
pub struct RowList {
    pub form: Box<Form<Purpose>>,
    pub field: usize,
    pub cursor: usize,
}

impl RowList {
    pub fn kind(&self) -> ListKind {
        match self.form.fields.get(self.field).map(|f| &f.kind) {
            Some(FieldKind::List(kind)) => *kind,
            _ => ListKind::History,
        }
    }

    pub fn rows(&self) -> &[Row] {
        self.form.fields.get(self.field).map_or(&[], |f| &f.rows)
    }

    fn set_rows(&mut self, rows: Vec<Row>) {
        if let Some(field) = self.form.fields.get_mut(self.field) {
            field.set_rows(rows);
        }
    }

    /// "History of HbA1c under 58": the list's title.
    pub fn title(&self) -> String {
        let what = match self.kind() {
            ListKind::History => "History",
            ListKind::Breakdowns => "Breakdowns",
        };
        match self.form.text("Name") {
            name if name.is_empty() => what.to_string(),
            name => format!("{what} of {name}"),
        }
    }
}

impl App {
    /// Enter on a list field of a form: its list, on its first row.
    pub(super) fn open_rows(&mut self, form: Form<Purpose>) {
        let field = form.focus;
        self.mode = Mode::Rows(RowList {
            form: Box::new(form),
            field,
            cursor: 0,
        });
    }

    pub(super) fn in_rows(&mut self, mut list: RowList, action: Action) -> Effect {
        let count = list.rows().len();
        list.cursor = list.cursor.min(count.saturating_sub(1));
        match action {
            Action::PrevItem | Action::NextItem => {
                list.cursor = step(list.cursor, count, action == Action::NextItem);
            }
            Action::AddRow => {
                // A new group goes into the breakdown of the row under the cursor.
                let group = list
                    .rows()
                    .get(list.cursor)
                    .map(|r| r.group.clone())
                    .unwrap_or_default();
                let blank = Row {
                    group,
                    label: String::new(),
                    value: f64::NAN,
                };
                self.mode = Mode::Form(row_form(list, None, &blank));
                return Effect::None;
            }
            Action::Edit | Action::Confirm => {
                if let Some(row) = list.rows().get(list.cursor).cloned() {
                    let index = Some(list.cursor);
                    self.mode = Mode::Form(row_form(list, index, &row));
                    return Effect::None;
                }
                self.info("No rows yet: press a to add one");
            }
            Action::Delete => {
                if let Some(row) = list.rows().get(list.cursor).cloned() {
                    let mut rows = list.rows().to_vec();
                    rows.remove(list.cursor);
                    list.set_rows(rows);
                    list.cursor = list.cursor.min(count.saturating_sub(2));
                    self.info(format!(
                        "Deleted {}: Esc, then Enter saves the measure",
                        row_words(&row)
                    ));
                }
            }
            Action::Cancel | Action::Quit => {
                let mut form = *list.form;
                form.focus = list.field.min(form.fields.len().saturating_sub(1));
                form.error = None;
                self.info(format!(
                    "{} kept: Enter on another field saves the measure",
                    form.focused().label
                ));
                self.mode = Mode::Form(form);
                return Effect::None;
            }
            _ => {}
        }
        self.mode = Mode::Rows(list);
        Effect::None
    }

    /// A row form's Enter: the row checked and put in its list, the list shown on it.
    pub(super) fn submit_row(
        &mut self,
        form: &Form<Purpose>,
        mut list: RowList,
        index: Option<usize>,
    ) -> Result<(), String> {
        let kind = list.kind();
        let row = Row {
            group: form.text("Breakdown"),
            label: form.text(label_of(kind)),
            value: form.number("Value").ok_or("Value must be a number")?,
        };
        check_row(kind, list.rows(), &row, index)?;
        let mut rows = list.rows().to_vec();
        let at = match index {
            Some(i) if i < rows.len() => {
                rows[i] = row.clone();
                i
            }
            // A new group goes after the last of its breakdown; a new period at the end.
            _ => {
                let at = rows
                    .iter()
                    .rposition(|r| kind == ListKind::Breakdowns && r.group == row.group)
                    .map_or(rows.len(), |i| i + 1);
                rows.insert(at, row.clone());
                at
            }
        };
        list.set_rows(rows);
        list.cursor = at;
        self.info(format!(
            "{} {}: Esc, then Enter saves the measure",
            if index.is_some() { "Changed" } else { "Added" },
            row_words(&row)
        ));
        self.mode = Mode::Rows(list);
        Ok(())
    }
}

/// What a row's label is called in its form.
fn label_of(kind: ListKind) -> &'static str {
    match kind {
        ListKind::History => "Period",
        ListKind::Breakdowns => "Group",
    }
}

/// "2021/22 = 27" or "Sex: Girls = 45".
fn row_words(row: &Row) -> String {
    if row.group.is_empty() {
        format!("{} = {}", row.label, row.value)
    } else {
        format!("{}: {} = {}", row.group, row.label, row.value)
    }
}

/// The form for one row, filled from `row` (a blank one has a NaN value).
fn row_form(list: RowList, index: Option<usize>, row: &Row) -> Form<Purpose> {
    let kind = list.kind();
    let value = Some(row.value).filter(|v| v.is_finite());
    let mut fields = Vec::new();
    if kind == ListKind::Breakdowns {
        fields.push(Field::required("Breakdown", &row.group));
    }
    fields.push(Field::required(label_of(kind), &row.label));
    fields.push(Field::number("Value", value, false));
    let title = format!(
        "{} row: {}",
        if index.is_some() { "Edit" } else { "New" },
        list.title()
    );
    let note = match kind {
        ListKind::History => "Period like 2023/24, without = or ,; value like 12.5, no commas",
        ListKind::Breakdowns => {
            "Breakdown: e.g. Sex; group: e.g. Girls; value like 12.5, no commas"
        }
    };
    let mut form = Form::new(
        title,
        Purpose::Row {
            list: Box::new(list),
            index,
        },
        fields,
    )
    .with_note(note);
    // On a breakdown with a name already, straight to the group.
    if kind == ListKind::Breakdowns && !row.group.is_empty() {
        form.focus = 1;
    }
    form
}
