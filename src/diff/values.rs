//! Field values as a reviewer reads them, and the comparison of two versions of an item.

use serde::Serialize;

/// A field's value in one version: text (names, enum variants as written in the file),
/// a number, or nothing (an optional field left out, or an empty text).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    None,
    Number(f64),
    Text(String),
}

impl Value {
    pub fn text(s: &str) -> Value {
        if s.is_empty() {
            Value::None
        } else {
            Value::Text(s.to_string())
        }
    }

    pub fn opt_text(s: Option<&str>) -> Value {
        s.map_or(Value::None, Value::text)
    }

    pub fn number(x: Option<f64>) -> Value {
        x.map_or(Value::None, Value::Number)
    }

    /// An enum variant by its file-format name.
    pub fn variant(v: impl std::fmt::Debug) -> Value {
        Value::Text(format!("{v:?}"))
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::None => f.write_str("none"),
            Value::Number(x) => write!(f, "{x}"),
            Value::Text(s) => write!(f, "{s:?}"),
        }
    }
}

/// One field whose value differs between the versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field's name in the file format (`phase`, `provider`, `evidence_based`, ...).
    pub field: &'static str,
    pub old: Value,
    pub new: Value,
}

/// A field of `T`: its file name and how to read its value.
pub type Field<T> = (&'static str, fn(&T) -> Value);

/// The fields that differ between two versions of an item. For an added item every field
/// with a value is listed (old none); for a removed one likewise (new none).
pub fn compare<T>(old: Option<&T>, new: Option<&T>, fields: &[Field<T>]) -> Vec<FieldChange> {
    fields
        .iter()
        .filter_map(|&(field, read)| {
            let old = old.map_or(Value::None, read);
            let new = new.map_or(Value::None, read);
            (old != new).then_some(FieldChange { field, old, new })
        })
        .collect()
}
