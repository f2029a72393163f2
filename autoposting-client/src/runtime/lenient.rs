//! Repairs of bodies that `serde_json` refuses but a browser's `response.json()` reads, or
//! that well-known servers and proxies wrap JSON in. Used only after the strict decode has
//! failed on syntax, so a well-formed body never pays for it.
//!
//! Repaired:
//! - UTF-8 byte-order marks before the JSON (PHP pages saved with one emit one per included
//!   file), as the browser's UTF-8 decoding drops them;
//! - an anti-XSSI prefix before the JSON: `)]}'` (optionally followed by `,`), `while(1);`
//!   or `for(;;);`, as Angular and the servers that write them strip it;
//! - NUL bytes and whitespace after the JSON (C and PHP servers that send a buffer's
//!   terminator);
//! - bytes that are not UTF-8, replaced by U+FFFD, as the browser's decoding does;
//! - escaped UTF-16 surrogates without their pair (`"\ud83d"`, what a Node.js server sends
//!   when it cuts a string in the middle of an emoji), replaced by U+FFFD; `JSON.parse`
//!   accepts them, `serde_json` does not.
//!
//! Separately, [`close_cut`] completes an error body the client cut at its size limit, so
//! that the code and message at its start are still read.
//!
//! Not repaired, as `JSON.parse` refuses them too: comments, trailing commas, single quotes,
//! `NaN`/`Infinity`, unquoted keys, raw control characters in strings, non-ASCII whitespace,
//! text before the JSON (a PHP warning) and a second document after it; UTF-16 bodies.

use std::borrow::Cow;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The anti-XSSI prefixes stripped, longest first where one starts another.
const XSSI_PREFIXES: [&[u8]; 4] = [b")]}',", b")]}'", b"while(1);", b"for(;;);"];

fn is_json_whitespace(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

fn trim_start_whitespace(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|&b| !is_json_whitespace(b))
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// How many bytes at the start of `body` are byte-order marks, an anti-XSSI prefix and the
/// whitespace around them: what goes before the JSON. 0 for a body that starts as JSON does.
pub(crate) fn prefix_len(body: &[u8]) -> usize {
    let mut rest = body;
    let mut removed = false;
    loop {
        let trimmed = trim_start_whitespace(rest);
        let after = trimmed.strip_prefix(BOM).or_else(|| {
            XSSI_PREFIXES
                .iter()
                .find_map(|prefix| trimmed.strip_prefix(*prefix))
        });
        match after {
            Some(after) => {
                rest = after;
                removed = true;
            }
            None => {
                rest = trimmed;
                break;
            }
        }
    }
    // Leading whitespace alone is JSON already.
    if removed { body.len() - rest.len() } else { 0 }
}

/// `body` repaired as the module describes, or `None` if there is nothing to repair.
pub(crate) fn repair(body: &[u8]) -> Option<Vec<u8>> {
    let start = prefix_len(body);
    let mut end = body.len();
    while end > start && (body[end - 1] == 0 || is_json_whitespace(body[end - 1])) {
        end -= 1;
    }
    let trimmed_nul = body[end..].contains(&0);
    let inner = &body[start..end];
    let text = String::from_utf8_lossy(inner);
    let lossy = matches!(text, Cow::Owned(_));
    let surrogates = replace_lone_surrogates(text.as_bytes());
    let changed = start > 0 || trimmed_nul || lossy || surrogates.is_some();
    if !changed {
        return None;
    }
    Some(surrogates.unwrap_or_else(|| text.into_owned().into_bytes()))
}

fn hex4(bytes: &[u8]) -> Option<u16> {
    let digits = std::str::from_utf8(bytes.get(..4)?).ok()?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u16::from_str_radix(digits, 16).ok()
}

/// `text` with every `\uD800`–`\uDFFF` escape that is not half of a pair replaced by
/// `\ufffd`; `None` if it has none.
fn replace_lone_surrogates(text: &[u8]) -> Option<Vec<u8>> {
    // Escapes are read in pairs (`\\` included), so `\\ud800` (a backslash, then text) is
    // never taken for an escape. A backslash outside a string is a syntax error anyway.
    let mut out: Option<Vec<u8>> = None;
    // `text[..copied]` is in `out` already.
    let mut copied = 0;
    let mut i = 0;
    while i < text.len() {
        if text[i] != b'\\' {
            i += 1;
            continue;
        }
        if text.get(i + 1) != Some(&b'u') {
            i += 2;
            continue;
        }
        let Some(unit) = hex4(&text[i + 2..]) else {
            i += 2;
            continue;
        };
        let low_follows = || {
            text.get(i + 6) == Some(&b'\\')
                && text.get(i + 7) == Some(&b'u')
                && text
                    .get(i + 8..)
                    .and_then(hex4)
                    .is_some_and(|next| (0xDC00..=0xDFFF).contains(&next))
        };
        match unit {
            0xD800..=0xDBFF if low_follows() => i += 12,
            0xD800..=0xDFFF => {
                let out = out.get_or_insert_with(|| Vec::with_capacity(text.len()));
                out.extend_from_slice(&text[copied..i]);
                out.extend_from_slice(b"\\ufffd");
                i += 6;
                copied = i;
            }
            _ => i += 6,
        }
    }
    if let Some(out) = &mut out {
        out.extend_from_slice(&text[copied..]);
    }
    out
}

/// Where a cut body's scan stands inside an object or array.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// In an object, before a key (just after `{` or `,`).
    Key,
    /// In an object, after a key, before its `:`.
    Colon,
    /// In an object or array, before a value (after `:`, `[` or an array's `,`).
    Value { in_array: bool },
    /// In an object or array, after a value.
    After { in_array: bool },
}

impl Frame {
    /// The frame once a value (or, in [`Frame::Key`], a key) has ended.
    fn done(self) -> Frame {
        match self {
            Frame::Key => Frame::Colon,
            Frame::Colon => Frame::Colon,
            Frame::Value { in_array } | Frame::After { in_array } => Frame::After { in_array },
        }
    }

    /// What closes the frame: the missing value of a key, then the bracket.
    fn closer(self) -> &'static str {
        match self {
            Frame::Key | Frame::After { in_array: false } => "}",
            Frame::Colon => ":null}",
            Frame::Value { in_array: false } => "null}",
            Frame::Value { in_array: true } | Frame::After { in_array: true } => "]",
        }
    }
}

/// `bytes` without the start of a UTF-8 character cut at its end.
fn without_cut_character(bytes: &[u8]) -> &[u8] {
    let tail = bytes.len().saturating_sub(3);
    let Some(lead) = bytes[tail..].iter().rposition(|&b| b & 0xC0 != 0x80) else {
        return bytes;
    };
    let lead_at = tail + lead;
    let width = match bytes[lead_at] {
        b if b >= 0xF0 => 4,
        b if b >= 0xE0 => 3,
        b if b >= 0xC0 => 2,
        _ => 1,
    };
    if lead_at + width > bytes.len() {
        &bytes[..lead_at]
    } else {
        bytes
    }
}

/// An error body the client cut at its size limit (the start of one JSON object), completed
/// so that it parses: a cut string value is closed and ends with `…` (a cut escape or UTF-8
/// character dropped), a cut key dropped, a cut number or literal
/// dropped, a key left without its value given `null`, a dangling `,` dropped, and every
/// open array and object closed. The code and message at the body's start are then read as
/// the server wrote them (a message cut short stays cut). `None` if the body does not start
/// as a JSON object, or is malformed before the cut.
pub(crate) fn close_cut(body: &[u8]) -> Option<Vec<u8>> {
    let body = without_cut_character(&body[prefix_len(body)..]);
    if body.first() != Some(&b'{') {
        return None;
    }
    let mut frames: Vec<Frame> = Vec::new();
    // Where the string or scalar being read started, if one is.
    let mut string_start: Option<usize> = None;
    let mut scalar_start: Option<usize> = None;
    // Where the escape being read started (its `\\`), and how many hex digits of a
    // `\\u` escape are still to come.
    let mut escape_start: Option<usize> = None;
    let mut hex_left = 0;
    let finish_value = |frames: &mut Vec<Frame>| {
        if let Some(top) = frames.last_mut() {
            *top = top.done();
        }
    };
    for (at, &byte) in body.iter().enumerate() {
        if string_start.is_some() {
            if hex_left > 0 {
                hex_left -= 1;
                if hex_left == 0 {
                    escape_start = None;
                }
            } else if escape_start.is_some() {
                if byte == b'u' {
                    hex_left = 4;
                } else {
                    escape_start = None;
                }
            } else if byte == b'\\' {
                escape_start = Some(at);
            } else if byte == b'"' {
                string_start = None;
                finish_value(&mut frames);
            }
            continue;
        }
        let structural = matches!(byte, b'{' | b'}' | b'[' | b']' | b':' | b',' | b'"');
        if scalar_start.is_some() && (structural || is_json_whitespace(byte)) {
            scalar_start = None;
            finish_value(&mut frames);
        }
        match byte {
            b'{' => frames.push(Frame::Key),
            b'[' => frames.push(Frame::Value { in_array: true }),
            b'}' | b']' => {
                frames.pop()?;
                if frames.is_empty() {
                    return None; // complete: not a cut body
                }
                finish_value(&mut frames);
            }
            b':' => *frames.last_mut()? = Frame::Value { in_array: false },
            b',' => {
                let top = frames.last_mut()?;
                *top = match *top {
                    Frame::After { in_array: true } => Frame::Value { in_array: true },
                    Frame::After { in_array: false } => Frame::Key,
                    _ => return None,
                };
            }
            b'"' => string_start = Some(at),
            byte if is_json_whitespace(byte) => {}
            _ => {
                scalar_start.get_or_insert(at);
            }
        }
    }
    let mut closed = body.to_vec();
    if let Some(start) = string_start {
        if frames.last() == Some(&Frame::Key) {
            // A key cut short is dropped: its start may name another key of the object
            // (`"error` of `"error_description"`), which would then be a duplicate.
            closed.truncate(start);
        } else {
            // A value cut short is closed, marked as cut with `…` so that a cut code never
            // equals a shorter one; a cut escape (`\\`, `\\u00`) is dropped first so that
            // the closing quote is not escaped.
            if let Some(escape) = escape_start {
                closed.truncate(escape);
            }
            closed.extend_from_slice("…\"".as_bytes());
            finish_value(&mut frames);
        }
    } else if let Some(start) = scalar_start {
        let scalar = &closed[start..];
        if serde_json::from_slice::<serde::de::IgnoredAny>(scalar).is_ok() {
            finish_value(&mut frames);
        } else {
            closed.truncate(start);
        }
    }
    // A `,` left before the cut has nothing after it.
    let end = closed
        .iter()
        .rposition(|&b| !is_json_whitespace(b))
        .map_or(0, |i| i + 1);
    closed.truncate(end);
    if closed.last() == Some(&b',') {
        closed.pop();
    }
    while let Some(frame) = frames.pop() {
        closed.extend_from_slice(frame.closer().as_bytes());
        finish_value(&mut frames);
    }
    Some(closed)
}

#[cfg(test)]
mod tests {

    fn json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 24, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
                prop::collection::btree_map(any::<String>(), inner, 0..4)
                    .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        // Each case decodes every cut of its body: fewer cases than the default 256.
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Every cut of an object's JSON, compact or pretty, closes into JSON that parses.
        #[test]
        fn every_cut_of_an_object_closes_into_json(
            fields in proptest::collection::btree_map(any_key(), json(), 1..4),
            pretty in proptest::prelude::any::<bool>(),
        ) {
            let value = serde_json::Value::Object(fields.into_iter().collect());
            let body = if pretty {
                serde_json::to_vec_pretty(&value).unwrap()
            } else {
                serde_json::to_vec(&value).unwrap()
            };
            for cut in 1..body.len() {
                let closed = close_cut(&body[..cut]);
                let closed = closed.unwrap_or_else(|| {
                    panic!("not closed: {}", String::from_utf8_lossy(&body[..cut]))
                });
                if let Err(error) = serde_json::from_slice::<serde_json::Value>(&closed) {
                    panic!("{error}: {}", String::from_utf8_lossy(&closed));
                }
            }
        }

        /// Any bytes at all: an answer or `None`, never a panic.
        #[test]
        fn arbitrary_bytes_never_panic(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
            let _ = close_cut(&body);
        }
    }

    fn any_key() -> impl proptest::strategy::Strategy<Value = String> {
        proptest::prelude::any::<String>()
    }

    #[test]
    fn a_cut_error_body_is_closed_where_it_was_cut() {
        let cases: [(&str, &str); 14] = [
            (
                r#"{"success":false,"error":"bad","message":"long mess"#,
                r#"{"success":false,"error":"bad","message":"long mess…"}"#,
            ),
            (
                r#"{"error":"bad","message":"ends in \"#,
                r#"{"error":"bad","message":"ends in …"}"#,
            ),
            (
                r#"{"error":"bad","message":"ends in \u00"#,
                r#"{"error":"bad","message":"ends in …"}"#,
            ),
            (
                r#"{"error":"bad","message":"\u00e9t\u00e9"#,
                r#"{"error":"bad","message":"\u00e9t\u00e9…"}"#,
            ),
            (r#"{"error":"bad","mess"#, r#"{"error":"bad"}"#),
            (
                r#"{"error":"bad","message""#,
                r#"{"error":"bad","message":null}"#,
            ),
            (
                r#"{"error":"bad","message":"#,
                r#"{"error":"bad","message":null}"#,
            ),
            (r#"{"error":"bad","#, r#"{"error":"bad"}"#),
            (
                r#"{"error":"bad", "count": 12"#,
                r#"{"error":"bad", "count": 12}"#,
            ),
            (
                r#"{"error":"bad","count":1.5e"#,
                r#"{"error":"bad","count":null}"#,
            ),
            (r#"{"error":"bad","ok":tru"#, r#"{"error":"bad","ok":null}"#),
            (
                r#"{"error":{"code":"x","details":[{"a":1},{"b":"#,
                r#"{"error":{"code":"x","details":[{"a":1},{"b":null}]}}"#,
            ),
            (r#"{"errors":["one","tw"#, r#"{"errors":["one","tw…"]}"#),
            (r#"{"errors":[1,"#, r#"{"errors":[1]}"#),
        ];
        for (cut, closed) in cases {
            let got = close_cut(cut.as_bytes()).unwrap();
            assert_eq!(String::from_utf8_lossy(&got), closed, "{cut}");
            serde_json::from_slice::<serde_json::Value>(&got).unwrap();
        }
    }

    #[test]
    fn a_cut_key_is_dropped_and_a_cut_code_is_marked() {
        // `"error` of a cut `"error_description"` would repeat `error`.
        let cut = br#"{"error":"invalid_grant","error"#;
        assert_eq!(close_cut(cut).unwrap(), br#"{"error":"invalid_grant"}"#);
        // A code cut short never equals a shorter code.
        let cut = br#"{"success":false,"error":"not_fo"#;
        let closed = close_cut(cut).unwrap();
        assert_eq!(
            String::from_utf8(closed).unwrap(),
            r#"{"success":false,"error":"not_fo…"}"#
        );
    }

    #[test]
    fn only_the_start_of_an_object_is_closed() {
        for body in [
            &b"[1,2"[..],
            b"\"text",
            b"<html>",
            b"",
            b"{}",
            b"{\"a\":1}",
            b"{\"a\"}:",
        ] {
            assert_eq!(close_cut(body), None, "{}", String::from_utf8_lossy(body));
        }
    }
    use super::*;

    fn repaired(body: &[u8]) -> Option<String> {
        repair(body).map(|b| String::from_utf8(b).unwrap())
    }

    #[test]
    fn well_formed_json_needs_no_repair() {
        for body in [
            &br#"{"a":"\ud83d\ude00"}"#[..],
            b"  {}  ",
            b"[1]",
            br#""\\ud800""#,
        ] {
            assert_eq!(repaired(body), None, "{:?}", String::from_utf8_lossy(body));
        }
    }

    #[test]
    fn prefixes_are_stripped() {
        assert_eq!(repaired(b"\xEF\xBB\xBF{}").as_deref(), Some("{}"));
        assert_eq!(
            repaired(b"\xEF\xBB\xBF\xEF\xBB\xBF\n{}").as_deref(),
            Some("{}")
        );
        assert_eq!(repaired(b")]}',\n{}").as_deref(), Some("{}"));
        assert_eq!(repaired(b")]}'\n[1]").as_deref(), Some("[1]"));
        assert_eq!(repaired(b"while(1);{}").as_deref(), Some("{}"));
        assert_eq!(repaired(b"for(;;);{}").as_deref(), Some("{}"));
        assert_eq!(prefix_len(b"  {}"), 0);
    }

    #[test]
    fn trailing_nuls_are_dropped() {
        assert_eq!(repaired(b"{}\0").as_deref(), Some("{}"));
        assert_eq!(repaired(b"{}\n\0\0 ").as_deref(), Some("{}"));
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(
            repaired(br#"{"t":"ab\ud83d"}"#).as_deref(),
            Some(r#"{"t":"ab\ufffd"}"#)
        );
        assert_eq!(
            repaired(br#"["\udc00x","\uD800\uD800","\ud83d\ude00"]"#).as_deref(),
            Some(r#"["\ufffdx","\ufffd\ufffd","\ud83d\ude00"]"#)
        );
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters() {
        assert_eq!(
            repaired(b"[\"a\xFFb\"]").as_deref(),
            Some("[\"a\u{FFFD}b\"]")
        );
    }
}
