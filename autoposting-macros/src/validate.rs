//! Checks that need the whole endpoint at once: every `<placeholder>` binds exactly one
//! argument, every argument has a role, and the body rules of the verb hold. Runs after
//! parsing and before any code is generated.

use syn::ext::IdentExt;

use crate::errors::Errors;
use crate::model::{Endpoint, Role};

/// Binds placeholders to arguments (giving those arguments the path role) and records every
/// violation. Returns whether the endpoint can be generated.
pub(crate) fn endpoint(endpoint: &mut Endpoint, errors: &mut Errors) -> bool {
    let path_lit_span = endpoint.path_span;
    let before = errors.len();
    let placeholders = &endpoint.path.placeholders;

    for (index, name) in placeholders.iter().enumerate() {
        if placeholders[..index].contains(name) {
            errors.at_span(
                path_lit_span,
                format!("placeholder `<{name}>` appears twice in the path; each argument fills one segment"),
            );
            continue;
        }
        match endpoint.args.iter_mut().find(|arg| arg.ident.unraw() == name.as_str()) {
            None => errors.at_span(
                path_lit_span,
                format!("path placeholder `<{name}>` has no matching argument: add `{name}: &str` to `{}`", endpoint.ident),
            ),
            Some(arg) => match &arg.role {
                None => arg.role = Some(Role::Path),
                Some(_) => errors.at(
                    &arg.role_tokens,
                    format!("argument `{name}` is a path placeholder and cannot also have a role attribute"),
                ),
            },
        }
    }

    let mut seen_body = false;
    let mut seen_part = false;
    for arg in &endpoint.args {
        match &arg.role {
            Some(Role::Part { .. }) if !endpoint.verb.allows_body() => errors.at(
                &arg.role_tokens,
                format!("`#[part]` is not allowed on a {} endpoint: it has no body", endpoint.verb.as_http()),
            ),
            Some(Role::Part { .. }) if seen_body => errors.at(
                &arg.role_tokens,
                "`#[part]` and `#[body]` cannot be combined: a multipart body is made of its parts",
            ),
            Some(Role::Part { .. }) => seen_part = true,
            Some(Role::Body) if seen_part => errors.at(
                &arg.role_tokens,
                "`#[body]` and `#[part]` cannot be combined: a multipart body is made of its parts",
            ),
            None => errors.at(
                &arg.ident,
                format!(
                    "argument `{0}` has no role: name it in the path as `<{0}>`, or mark it `#[query]`, `#[body]`, `#[header(\"Name\")]` or `#[part]`",
                    arg.ident
                ),
            ),
            Some(Role::Body) if seen_body => {
                errors.at(&arg.role_tokens, "only one `#[body]` argument is allowed per endpoint")
            }
            Some(Role::Body) if !endpoint.verb.allows_body() => {
                seen_body = true;
                errors.at(
                    &arg.role_tokens,
                    format!(
                        "`#[body]` is not allowed on a {} endpoint: send its inputs as `#[query]` arguments",
                        endpoint.verb.as_http()
                    ),
                );
            }
            Some(Role::Body) => seen_body = true,
            Some(_) => {}
        }
    }
    errors.len() == before
}
