//! The plain model of an `#[api]` trait that the parser builds and the generator reads.

use proc_macro2::{Ident, Span, TokenStream};
use syn::Type;

use crate::path_template::PathTemplate;

/// Options given to the attribute itself: `#[api(crate = "...", async_fn_docs)]`.
pub(crate) struct Options {
    /// `<crate>::__private`, where generated code finds everything it names; the crate is
    /// `::autoposting_client` unless renamed. Spanned at the `crate = "..."` string, so that
    /// a wrong path fails to resolve there, once.
    pub(crate) private: TokenStream,
    /// Whether `cargo doc` shows the methods as the `async fn`s they were declared as.
    pub(crate) async_fn_docs: bool,
}

/// The HTTP verbs an endpoint can be declared with.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Verb {
    pub(crate) const ALL: [(&'static str, Verb); 5] = [
        ("get", Verb::Get),
        ("post", Verb::Post),
        ("put", Verb::Put),
        ("patch", Verb::Patch),
        ("delete", Verb::Delete),
    ];

    pub(crate) fn from_name(name: &str) -> Option<Verb> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    /// The method as HTTP spells it (`GET`), which is also the `http::Method` constant name.
    pub(crate) fn as_http(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
            Verb::Put => "PUT",
            Verb::Patch => "PATCH",
            Verb::Delete => "DELETE",
        }
    }

    /// Whether HTTP defines the verb as idempotent, so that retries may resend it.
    pub(crate) fn is_idempotent(self) -> bool {
        matches!(self, Verb::Get | Verb::Put | Verb::Delete)
    }

    /// Whether a request body is meaningful for this verb.
    pub(crate) fn allows_body(self) -> bool {
        !matches!(self, Verb::Get | Verb::Delete)
    }
}

/// What an argument contributes to the request.
pub(crate) enum Role {
    /// Bound by name to a `<placeholder>` of the path.
    Path,
    /// `#[query]` or `#[query("name")]`.
    Query { key: String },
    /// `#[body]`: serialised as JSON.
    Body,
    /// `#[header("Name")]`; the name is stored lower-case.
    Header { name: String },
    /// `#[part]` or `#[part("name")]`: one field of a `multipart/form-data` body.
    Part { name: String },
}

/// One typed argument of an endpoint method.
pub(crate) struct Arg {
    pub(crate) ident: Ident,
    /// The argument's type as written.
    pub(crate) ty: Box<Type>,
    /// The role attribute's tokens (the argument's name for path arguments), where errors
    /// about the role point.
    pub(crate) role_tokens: TokenStream,
    pub(crate) role: Option<Role>,
}

/// What the method's `Result<...>` carries.
pub(crate) enum Output {
    /// `Result<()>`: any success envelope, an empty body or 204.
    Unit,
    /// `Result<T>`: the envelope's `data`, decoded as `T`.
    Data(Box<Type>),
    /// `Result<ApiResponse<T>>`: `data` with the status and headers; `None` for `T = ()`.
    Response(Option<Box<Type>>),
}

/// One method declared with a verb attribute.
pub(crate) struct Endpoint {
    /// The signature with the macro's own attributes removed, as the trait declares it.
    pub(crate) sig: syn::Signature,
    pub(crate) ident: Ident,
    pub(crate) verb: Verb,
    /// Whether automatic retries may resend the request.
    pub(crate) idempotent: bool,
    /// Whether errors must keep no body snippet (responses carry secrets).
    pub(crate) sensitive: bool,
    pub(crate) path: PathTemplate,
    /// Span of the path string, where placeholder errors point.
    pub(crate) path_span: Span,
    pub(crate) args: Vec<Arg>,
    pub(crate) output: Output,
}
