//! A fast reader for pathway text as carepath writes it (docs/format.md): the canonical
//! form and anything close to it, read straight into the model through serde, with no
//! value tree and no position tracking.
//!
//! It reads a strict subset of RON and reads it as `ron` does: whatever it accepts, `ron`
//! accepts and reads to the same values. Anything else (comments, raw strings, unusual
//! escapes or numbers, any mistake) makes it give up with `Bail`, and the file is read
//! again by `ron`, which says what is wrong and where. So errors are `ron`'s, exactly.
//!
//! The subset, with `ron`'s rules it relies on (ron 0.12, `parse.rs` and `de/mod.rs`):
//! - whitespace is space, tab, CR and LF (ron's set is larger; comments are not read);
//! - the only attribute is `#![enable(implicit_some)]`, which loading enables anyway;
//! - identifiers are ASCII `[A-Za-z_][A-Za-z0-9_]*`, followed by whitespace or one of
//!   `: , ( ) ]` (ron reads a longer identifier, or a raw one, where anything else follows);
//! - a struct's name, when given, is the expected one (ron: `consume_struct_name`);
//! - strings are `"..."` with the escapes `\' \" \\ \n \r \t \0 \u{...}` (ron has more);
//! - a float is ron's run of float characters `[0-9eE.+-_]` without `_` or `..`, followed
//!   by whitespace or `, ) ]`, read by `f64::from_str` (as ron's `Float::parse` does);
//! - an integer is `0` or `[1-9][0-9]*` that fits, followed by whitespace or `, ) ]`;
//! - options are `None`, `Some(...)` or the bare value (implicit_some);
//! - enums have unit variants only; lists, tuples and structs take a trailing comma.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, Visitor};

/// The reader gave up: `ron` reads the text instead.
#[derive(Debug)]
pub struct Bail;

impl fmt::Display for Bail {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("not in the fast reader's subset")
    }
}

impl std::error::Error for Bail {}

impl de::Error for Bail {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Bail
    }
}

type Result<T> = std::result::Result<T, Bail>;

/// The one attribute canonical files start with.
const IMPLICIT_SOME: &str = "#![enable(implicit_some)]";

/// Reads a whole document: attributes, one value, then only whitespace.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    let mut reader = Reader::new(text, 0);
    reader.skip_ws();
    while reader.rest().starts_with(IMPLICIT_SOME) {
        reader.pos += IMPLICIT_SOME.len();
        reader.skip_ws();
    }
    reader.value_to_end()
}

/// Reads one value that fills `text` (whitespace aside): a pathway of a split document.
pub fn fragment<T: DeserializeOwned>(text: &str) -> Result<T> {
    let mut reader = Reader::new(text, 0);
    reader.skip_ws();
    reader.value_to_end()
}

/// Reads the items of a list from `from`, where an item starts, as the reader of the
/// whole list would (the items of a document split across threads): up to `stop`, where
/// the next share starts, which must be just past a comma and its whitespace; or, with no
/// `stop`, up to the list's `]`. Returns the items and where the reading ended.
pub fn list_items<T: DeserializeOwned>(
    text: &str,
    from: usize,
    stop: Option<usize>,
) -> Result<(Vec<T>, usize)> {
    let mut reader = Reader::new(text, from);
    let mut items = Vec::new();
    // As `Items`: an item may start at the list's start or after a comma.
    let mut had_comma = true;
    loop {
        reader.skip_ws();
        match stop {
            Some(stop) if reader.pos == stop && had_comma => return Ok((items, stop)),
            Some(stop) if reader.pos >= stop => return Err(Bail),
            _ => {}
        }
        match reader.peek() {
            Some(b']') if stop.is_none() => return Ok((items, reader.pos)),
            Some(b) if had_comma && b != b']' => {
                items.push(T::deserialize(&mut reader)?);
                had_comma = reader.comma();
            }
            _ => return Err(Bail),
        }
    }
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// What may follow a number: ron's run of number characters has ended there.
fn ends_number(b: Option<u8>) -> bool {
    b.is_some_and(|b| is_ws(b) || matches!(b, b',' | b')' | b']'))
}

impl<'a> Reader<'a> {
    fn new(text: &'a str, pos: usize) -> Self {
        Reader {
            text,
            bytes: text.as_bytes(),
            pos,
        }
    }

    fn value_to_end<T: DeserializeOwned>(&mut self) -> Result<T> {
        let value = T::deserialize(&mut *self)?;
        self.skip_ws();
        if self.pos == self.bytes.len() {
            Ok(value)
        } else {
            Err(Bail)
        }
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_ws) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, b: u8) -> Result<()> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Bail)
        }
    }

    /// ron's `comma`: whitespace, an optional comma, whitespace.
    fn comma(&mut self) -> bool {
        self.skip_ws();
        let had = self.peek() == Some(b',');
        if had {
            self.pos += 1;
            self.skip_ws();
        }
        had
    }

    fn ident(&mut self) -> Result<&'a str> {
        let start = self.pos;
        if !self.peek().is_some_and(is_ident_start) {
            return Err(Bail);
        }
        while self.peek().is_some_and(is_ident_char) {
            self.pos += 1;
        }
        match self.peek() {
            Some(b) if is_ws(b) || matches!(b, b':' | b',' | b'(' | b')' | b']') => {
                Ok(&self.text[start..self.pos])
            }
            _ => Err(Bail),
        }
    }

    /// `word` as a whole identifier here, consumed if so.
    fn word(&mut self, word: &str) -> bool {
        let end = self.pos + word.len();
        if self.rest().starts_with(word)
            && !self
                .bytes
                .get(end)
                .is_some_and(|&b| !b.is_ascii() || is_ident_char(b))
        {
            self.pos = end;
            true
        } else {
            false
        }
    }

    fn string(&mut self) -> Result<std::borrow::Cow<'a, str>> {
        self.expect(b'"')?;
        let start = self.pos;
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(self.text[start..self.pos - 1].into());
                }
                b'\\' => return self.escaped(start).map(Into::into),
                _ => self.pos += 1,
            }
        }
        Err(Bail)
    }

    fn escaped(&mut self, start: usize) -> Result<String> {
        let mut out = String::with_capacity(self.pos - start + 16);
        let mut from = start;
        loop {
            match self.peek().ok_or(Bail)? {
                b'"' => {
                    out.push_str(&self.text[from..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(&self.text[from..self.pos]);
                    self.pos += 1;
                    let c = match self.peek().ok_or(Bail)? {
                        b'\'' => '\'',
                        b'"' => '"',
                        b'\\' => '\\',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'0' => '\0',
                        b'u' => {
                            self.pos += 1;
                            out.push(self.unicode_escape()?);
                            from = self.pos;
                            continue;
                        }
                        _ => return Err(Bail),
                    };
                    self.pos += 1;
                    out.push(c);
                    from = self.pos;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// The `{hex}` of a `\u{...}` escape: 1 to 6 digits, a valid character.
    fn unicode_escape(&mut self) -> Result<char> {
        self.expect(b'{')?;
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_hexdigit()) && self.pos - start < 6 {
            self.pos += 1;
        }
        let digits = &self.text[start..self.pos];
        self.expect(b'}')?;
        if digits.is_empty() {
            return Err(Bail);
        }
        let code = u32::from_str_radix(digits, 16).map_err(|_| Bail)?;
        char::from_u32(code).ok_or(Bail)
    }

    fn float(&mut self) -> Result<f64> {
        let start = self.pos;
        while self.peek().is_some_and(|b| {
            b.is_ascii_digit() || matches!(b, b'e' | b'E' | b'.' | b'+' | b'-' | b'_')
        }) {
            self.pos += 1;
        }
        let run = &self.text[start..self.pos];
        if run.is_empty() || run.contains('_') || run.contains("..") || !ends_number(self.peek()) {
            return Err(Bail);
        }
        run.parse().map_err(|_| Bail)
    }

    fn unsigned(&mut self) -> Result<u64> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        let run = &self.text[start..self.pos];
        if run.is_empty() || (run.len() > 1 && run.starts_with('0')) || !ends_number(self.peek()) {
            return Err(Bail);
        }
        run.parse().map_err(|_| Bail)
    }
}

/// The items of a list, tuple or struct, up to `close`, as ron's `CommaSeparated`.
struct Items<'r, 'a> {
    reader: &'r mut Reader<'a>,
    close: u8,
    had_comma: bool,
}

impl Items<'_, '_> {
    fn has_item(&mut self) -> Result<bool> {
        self.reader.skip_ws();
        let at_close = self.reader.peek() == Some(self.close);
        match (self.had_comma, at_close) {
            (true, at_close) => Ok(!at_close),
            (false, true) => Ok(false),
            (false, false) => Err(Bail),
        }
    }
}

impl<'de> de::SeqAccess<'de> for Items<'_, '_> {
    type Error = Bail;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.has_item()? {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.had_comma = self.reader.comma();
        Ok(Some(value))
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, '_> {
    type Error = Bail;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.has_item()? {
            return Ok(None);
        }
        let key = self.reader.ident()?;
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.reader.skip_ws();
        self.reader.expect(b':')?;
        self.reader.skip_ws();
        let value = seed.deserialize(&mut *self.reader)?;
        self.had_comma = self.reader.comma();
        Ok(value)
    }
}

impl<'a> Reader<'a> {
    fn items<'de, V: Visitor<'de>>(
        &mut self,
        open: u8,
        close: u8,
        visitor: V,
        map: bool,
    ) -> Result<V::Value> {
        self.expect(open)?;
        let mut items = Items {
            reader: self,
            close,
            had_comma: true,
        };
        let value = if map {
            visitor.visit_map(&mut items)?
        } else {
            visitor.visit_seq(&mut items)?
        };
        self.skip_ws();
        self.expect(close)?;
        Ok(value)
    }
}

impl<'de> de::EnumAccess<'de> for &mut Reader<'_> {
    type Error = Bail;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        self.skip_ws();
        let name = self.ident()?;
        let value = seed.deserialize(name.into_deserializer())?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'_> {
    type Error = Bail;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value> {
        Err(Bail)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(Bail)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(Bail)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'_> {
    type Error = Bail;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Bail)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let n = u32::try_from(self.unsigned()?).map_err(|_| Bail)?;
        visitor.visit_u32(n)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f64(self.float()?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            std::borrow::Cow::Borrowed(s) => visitor.visit_str(s),
            std::borrow::Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.word("None") {
            return visitor.visit_none();
        }
        if self.word("Some") {
            self.skip_ws();
            self.expect(b'(')?;
            self.skip_ws();
            let value = visitor.visit_some(&mut *self)?;
            self.comma();
            self.expect(b')')?;
            return Ok(value);
        }
        visitor.visit_some(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.items(b'[', b']', visitor, false)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.items(b'(', b')', visitor, false)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if self.peek().is_some_and(is_ident_start) {
            if self.ident()? != name {
                return Err(Bail);
            }
            self.skip_ws();
        }
        self.items(b'(', b')', visitor, true)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(self)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_str(self.ident()?)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u64 u128 f32 char bytes byte_buf unit
        unit_struct newtype_struct tuple_struct map ignored_any
    }
}
