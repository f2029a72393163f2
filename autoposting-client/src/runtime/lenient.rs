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

#[cfg(test)]
mod tests {
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
