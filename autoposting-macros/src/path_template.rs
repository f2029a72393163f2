//! The path grammar of endpoint attributes: `"/agents/<agent_id>/runs/<run_id>"`.
//!
//! A template starts with `/`; each `<name>` fills one whole segment and binds the method
//! argument `name`; literal text is limited to characters that need no percent-encoding,
//! so what the user writes is exactly what is sent.

use syn::LitStr;

use crate::errors::Errors;

/// A parsed path template.
pub(crate) struct PathTemplate {
    /// Literal text around the placeholders: always `placeholders.len() + 1` pieces.
    pub(crate) pieces: Vec<String>,
    /// Placeholder names, in order of appearance.
    pub(crate) placeholders: Vec<String>,
}

impl PathTemplate {
    /// The template as documented in OpenAPI style: `/agents/{agent_id}/runs/{run_id}`.
    pub(crate) fn display(&self) -> String {
        let mut out = self.pieces[0].clone();
        for (name, piece) in self.placeholders.iter().zip(&self.pieces[1..]) {
            out.push('{');
            out.push_str(name);
            out.push('}');
            out.push_str(piece);
        }
        out
    }
}

/// Characters allowed verbatim in the literal part of a path (RFC 3986 `pchar` plus `/`,
/// minus `%`, so that no literal can smuggle in an escape).
fn is_literal_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~/!$&'()*+,;=:@".contains(c)
}

/// Whether `name` can name a method argument: any identifier, keywords included (they are
/// written `r#type` as arguments), except `_` and the keywords that cannot be raw.
fn is_identifier(name: &str) -> bool {
    !matches!(name, "_" | "self" | "Self" | "super" | "crate")
        && syn::parse_str::<syn::Ident>(&format!("r#{name}")).is_ok()
}

/// Parses `lit`, recording every problem in `errors`. Returns `None` if the template is
/// unusable.
pub(crate) fn parse(lit: &LitStr, errors: &mut Errors) -> Option<PathTemplate> {
    let value = lit.value();
    if value.is_empty() {
        errors.at(
            lit,
            "the path is empty; endpoint paths start with `/`, e.g. \"/agents/<agent_id>\"",
        );
        return None;
    }
    if !value.starts_with('/') {
        errors.at(
            lit,
            format!("the path must start with `/`: write \"/{value}\""),
        );
        return None;
    }

    let mut pieces = vec![String::new()];
    let mut placeholders = Vec::new();
    let mut ok = true;
    let mut rest = value.as_str();
    while let Some(c) = rest.chars().next() {
        match c {
            '<' => {
                let Some(end) = rest.find('>') else {
                    errors.at(
                        lit,
                        "unclosed `<` in the path: placeholders are written `<name>`",
                    );
                    return None;
                };
                let name = &rest[1..end];
                let after = &rest[end + 1..];
                let current = pieces.last().map(String::as_str).unwrap_or_default();
                if !is_identifier(name) {
                    errors.at(
                        lit,
                        format!(
                            "invalid placeholder `<{name}>`: a placeholder names a method argument, \
                             so it must be a Rust identifier such as `<{}>`",
                            suggest_identifier(name)
                        ),
                    );
                    ok = false;
                } else if !current.ends_with('/') || !(after.is_empty() || after.starts_with('/')) {
                    errors.at(
                        lit,
                        format!("placeholder `<{name}>` must fill a whole path segment, as in \"/items/<{name}>\""),
                    );
                    ok = false;
                }
                placeholders.push(name.to_owned());
                pieces.push(String::new());
                rest = after;
            }
            '>' => {
                errors.at(
                    lit,
                    "unmatched `>` in the path: placeholders are written `<name>`",
                );
                return None;
            }
            '{' | '}' => {
                errors.at(lit, "path placeholders are written `<name>`, not `{name}`");
                return None;
            }
            '?' | '#' => {
                errors.at(
                    lit,
                    format!("`{c}` is not allowed in the path: declare query parameters as `#[query]` arguments"),
                );
                return None;
            }
            c if is_literal_char(c) => {
                if let Some(last) = pieces.last_mut() {
                    last.push(c);
                }
                rest = &rest[c.len_utf8()..];
            }
            c => {
                errors.at(
                    lit,
                    format!("character {c:?} is not allowed in a path literal; pass such text as a `<placeholder>` argument, which is percent-encoded"),
                );
                return None;
            }
        }
    }
    for segment in value.split('/') {
        if segment == "." || segment == ".." {
            errors.at(
                lit,
                format!("the path has a `{segment}` segment, which URL normalisation would remove; write the path it stands for"),
            );
            return None;
        }
    }
    ok.then_some(PathTemplate {
        pieces,
        placeholders,
    })
}

fn suggest_identifier(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if out.chars().all(|c| c == '_') || !is_identifier(&out) {
        return "id".to_owned();
    }
    out
}
