//! Stable ids: `[a-z0-9][a-z0-9-]*`, derived from names where the user gives none.

use super::error::ModelError;

/// True when `id` matches `[a-z0-9][a-z0-9-]*`.
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
}

pub fn check_id(id: &str) -> Result<(), ModelError> {
    if is_valid_id(id) {
        Ok(())
    } else {
        Err(ModelError::InvalidId { id: id.to_string() })
    }
}

/// Turns a name into an id: lower case ASCII letters and digits, other runs become one `-`.
/// Falls back to `fallback` when the name has no letter or digit.
pub fn id_from_name(name: &str, fallback: &str) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
        if id.len() >= 48 {
            break;
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        fallback.to_string()
    } else {
        id.to_string()
    }
}

/// `base`, or `base-2`, `base-3`, ... : the first that `taken` does not hold.
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2u64..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .expect("an unbounded range always yields a free id")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_ids() {
        for id in ["a", "0", "gp-recognition", "t1d", "a--b", "9-"] {
            assert!(is_valid_id(id), "{id}");
        }
        for id in ["", "-a", "A", "gp_recognition", "é", "a b", "a.b"] {
            assert!(!is_valid_id(id), "{id}");
        }
    }

    #[test]
    fn ids_from_names() {
        assert_eq!(
            id_from_name("Recognition in General Practice", "c"),
            "recognition-in-general-practice"
        );
        assert_eq!(id_from_name("  CAMHS (tier 3)!  ", "c"), "camhs-tier-3");
        assert_eq!(id_from_name("École", "c"), "cole");
        assert_eq!(id_from_name("***", "component"), "component");
        assert!(is_valid_id(&id_from_name(&"x".repeat(500), "c")));
    }

    #[test]
    fn unique_ids_skip_taken() {
        let taken = ["gp", "gp-2"];
        assert_eq!(unique_id("gp", |c| taken.contains(&c)), "gp-3");
        assert_eq!(unique_id("pdu", |c| taken.contains(&c)), "pdu");
    }
}
