//! Forms: a list of labelled fields edited from the keyboard, checked on submit.

/// What a field holds and how its text is checked.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// Free text, may be empty.
    Text,
    /// Text that must not be empty (after trimming).
    Required,
    /// A finite number.
    Number,
    /// A finite number, or empty for none.
    OptionalNumber,
    /// One of a list; `value` is unused.
    Choice(Vec<String>),
    /// Rows edited in a list of their own (a measure's history or breakdowns); `value`
    /// is what the form shows of them.
    List(ListKind),
}

/// What a list field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    /// Earlier values: a period and its value per row.
    History,
    /// A measure for groups of children: the breakdown, a group and its value per row.
    Breakdowns,
}

/// One row of a list field: a period and its value (`group` empty), or a breakdown's
/// group and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub group: String,
    pub label: String,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub kind: FieldKind,
    pub value: String,
    /// The chosen option of a `Choice` field.
    pub choice: usize,
    /// For a choice, one line about each option, shown while the field has focus.
    pub hints: Vec<&'static str>,
    /// The rows of a list field.
    pub rows: Vec<Row>,
}

impl Field {
    pub fn text(label: &'static str, value: &str) -> Field {
        Field {
            label,
            kind: FieldKind::Text,
            value: value.to_string(),
            choice: 0,
            hints: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// A field whose rows are edited in a list opened with Enter.
    pub fn list(label: &'static str, kind: ListKind, rows: Vec<Row>) -> Field {
        let mut field = Field {
            kind: FieldKind::List(kind),
            hints: vec!["Enter: the list of rows (a add, e edit, d delete, Esc back)"],
            ..Field::text(label, "")
        };
        field.set_rows(rows);
        field
    }

    /// Replaces a list field's rows, and what the form shows of them.
    pub fn set_rows(&mut self, rows: Vec<Row>) {
        self.value = summary(&rows);
        self.rows = rows;
    }

    pub fn is_list(&self) -> bool {
        matches!(self.kind, FieldKind::List(_))
    }

    pub fn required(label: &'static str, value: &str) -> Field {
        Field {
            kind: FieldKind::Required,
            ..Field::text(label, value)
        }
    }

    pub fn number(label: &'static str, value: Option<f64>, optional: bool) -> Field {
        Field {
            kind: if optional {
                FieldKind::OptionalNumber
            } else {
                FieldKind::Number
            },
            ..Field::text(label, &value.map(|v| v.to_string()).unwrap_or_default())
        }
    }

    pub fn choice(label: &'static str, options: Vec<String>, choice: usize) -> Field {
        let choice = choice.min(options.len().saturating_sub(1));
        Field {
            label,
            kind: FieldKind::Choice(options),
            value: String::new(),
            choice,
            hints: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// A line about each option of a choice, in the options' order.
    pub fn with_hints(self, hints: Vec<&'static str>) -> Field {
        Field { hints, ..self }
    }

    pub fn is_choice(&self) -> bool {
        matches!(self.kind, FieldKind::Choice(_))
    }

    /// What the field shows: its text, or its chosen option.
    pub fn display(&self) -> &str {
        match &self.kind {
            FieldKind::Choice(options) => options.get(self.choice).map_or("", String::as_str),
            _ => &self.value,
        }
    }

    fn cycle(&mut self, forward: bool) {
        if let FieldKind::Choice(options) = &self.kind
            && !options.is_empty()
        {
            let n = options.len();
            self.choice = if forward {
                (self.choice + 1) % n
            } else {
                (self.choice + n - 1) % n
            };
        }
    }
}

/// A form in progress: its fields, the focused one, and why the last submit was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Form<P> {
    pub title: String,
    pub purpose: P,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    /// A line under the fields that says how to fill them in (how numbers are written).
    pub note: Option<String>,
}

/// Longest text a field takes: keeps a stuck key from building a huge name.
pub const MAX_FIELD_CHARS: usize = 2000;

impl<P> Form<P> {
    pub fn new(title: impl Into<String>, purpose: P, fields: Vec<Field>) -> Self {
        Form {
            title: title.into(),
            purpose,
            fields,
            focus: 0,
            error: None,
            note: None,
        }
    }

    /// The form with a note under its fields.
    pub fn with_note(self, note: impl Into<String>) -> Self {
        Form {
            note: Some(note.into()),
            ..self
        }
    }

    /// What the line under the fields says: about the focused choice when it has hints,
    /// else the form's note.
    pub fn note_line(&self) -> Option<&str> {
        let field = self.focused();
        field
            .hints
            .get(field.choice)
            .copied()
            .or(self.note.as_deref())
    }

    /// True when the form shows a line under its fields.
    pub fn has_note_line(&self) -> bool {
        self.note.is_some() || self.fields.iter().any(|f| !f.hints.is_empty())
    }

    pub fn focused(&self) -> &Field {
        &self.fields[self.focus]
    }

    pub fn next_field(&mut self, forward: bool) {
        let n = self.fields.len();
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    /// Types a character into a text field; on a choice field, a space cycles it and a
    /// letter jumps to the next option starting with it (`S` in Sector: Social care).
    pub fn input(&mut self, c: char) {
        let field = &mut self.fields[self.focus];
        if let FieldKind::Choice(options) = &field.kind {
            if c == ' ' {
                field.cycle(true);
            } else {
                let n = options.len();
                let starts = |o: &String| {
                    o.chars()
                        .next()
                        .is_some_and(|f| f.to_lowercase().eq(c.to_lowercase()))
                };
                if let Some(k) = (1..=n)
                    .map(|k| (field.choice + k) % n)
                    .find(|&k| starts(&options[k]))
                {
                    field.choice = k;
                }
            }
        } else if !field.is_list()
            && !c.is_control()
            && field.value.chars().count() < MAX_FIELD_CHARS
        {
            field.value.push(c);
        }
    }

    /// Pastes text into a text field: line breaks and tabs become single spaces (every
    /// field is one line) and other control characters are dropped. Returns false when
    /// the field could not take it all (a choice field, or the length limit).
    pub fn paste(&mut self, text: &str) -> bool {
        let field = &mut self.fields[self.focus];
        if field.is_choice() || field.is_list() {
            return false;
        }
        let room = MAX_FIELD_CHARS.saturating_sub(field.value.chars().count());
        let line = one_line(text);
        let whole = line.chars().count() <= room;
        field.value.extend(line.chars().take(room));
        whole
    }

    pub fn backspace(&mut self) {
        let field = &mut self.fields[self.focus];
        if !field.is_list() {
            field.value.pop();
        }
    }

    pub fn clear(&mut self) {
        let field = &mut self.fields[self.focus];
        if !field.is_list() {
            field.value.clear();
        }
    }

    pub fn cycle(&mut self, forward: bool) {
        self.fields[self.focus].cycle(forward);
    }

    /// The field with this label.
    pub fn field(&self, label: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.label == label)
    }

    /// The trimmed text of a field; empty when the form has no such field.
    pub fn text(&self, label: &str) -> String {
        self.field(label)
            .map(|f| f.value.trim().to_string())
            .unwrap_or_default()
    }

    /// The rows of a list field; none when the form has no such field.
    pub fn rows(&self, label: &str) -> &[Row] {
        self.field(label).map_or(&[], |f| &f.rows)
    }

    /// The chosen option of a field; the first when the form has no such field.
    pub fn choice(&self, label: &str) -> usize {
        self.field(label).map_or(0, |f| f.choice)
    }

    /// Checks every field's kind; the first problem names its field.
    pub fn check(&self) -> Result<(), String> {
        for f in &self.fields {
            let text = f.value.trim();
            match f.kind {
                FieldKind::Required if text.is_empty() => {
                    return Err(format!("{} must not be empty", f.label));
                }
                FieldKind::Number => {
                    parse_number(text).map_err(|e| format!("{}: {e}", f.label))?;
                }
                FieldKind::OptionalNumber if !text.is_empty() => {
                    parse_number(text).map_err(|e| format!("{}: {e}", f.label))?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The number in a field that `check` passed.
    pub fn number(&self, label: &str) -> Option<f64> {
        let text = self.text(label);
        if text.is_empty() {
            None
        } else {
            parse_number(&text).ok()
        }
    }
}

/// Pasted text as one line: each line break (CRLF, LF or CR) and tab becomes a space,
/// trailing line breaks are dropped, and other control characters are left out.
pub fn one_line(text: &str) -> String {
    let text = text.trim_end_matches(['\r', '\n']);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push(' ');
            }
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

pub use crate::model::parse_number;

/// What a list field shows in its form: every row, "2021/22 27 · 2022/23 25.6", or how to
/// add one.
fn summary(rows: &[Row]) -> String {
    if rows.is_empty() {
        return "(none: Enter to add)".to_string();
    }
    let mut out = String::new();
    let mut group = None;
    for row in rows {
        if !out.is_empty() {
            out.push_str(if group == Some(&row.group) {
                ", "
            } else {
                " · "
            });
        }
        if !row.group.is_empty() && group != Some(&row.group) {
            out.push_str(&row.group);
            out.push_str(": ");
        }
        group = Some(&row.group);
        out.push_str(&format!("{} {}", row.label, row.value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number(" 12.5 "), Ok(12.5));
        assert!(parse_number("12,5").unwrap_err().contains("comma"));
        assert!(parse_number("NaN").is_err());
        assert!(parse_number("inf").is_err());
        assert!(parse_number("twelve").is_err());
        assert!(parse_number("").is_err());
    }

    #[test]
    fn form_checks_each_kind() {
        let mut f = Form::new(
            "t",
            (),
            vec![
                Field::required("Name", ""),
                Field::number("Target", None, false),
                Field::number("Amber", None, true),
                Field::choice("Phase", vec!["A".into(), "B".into()], 0),
            ],
        );
        assert_eq!(f.check(), Err("Name must not be empty".to_string()));
        f.input('x');
        assert!(f.check().unwrap_err().starts_with("Target"));
        f.next_field(true);
        for c in "1.5".chars() {
            f.input(c);
        }
        assert_eq!(f.check(), Ok(()));
        f.next_field(true);
        f.input('z');
        assert!(f.check().unwrap_err().starts_with("Amber"));
        f.backspace();
        f.next_field(true);
        f.cycle(true);
        assert_eq!(f.focused().display(), "B");
        f.cycle(true);
        assert_eq!(f.focused().display(), "A");
        assert_eq!(f.number("Target"), Some(1.5));
        assert_eq!(f.number("Amber"), None);
    }
}
