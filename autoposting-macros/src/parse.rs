//! Parses an `#[api]` trait into the [`model`](crate::model): strips the macro's own
//! attributes from the trait so it can be emitted as a plain interface, and records every
//! misuse of a single method in [`Errors`] without stopping at the first.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::Parser;
use syn::{
    Attribute, FnArg, GenericParam, ItemTrait, LitStr, Meta, Pat, ReceiverKind, ReturnType,
    Signature, TraitItem, TraitItemFn, Type,
};

use crate::errors::Errors;
use crate::model::{Arg, Endpoint, Options, Output, Role, Verb};
use crate::path_template;

/// Attributes rustc itself understands on a method; they are never mistaken for a verb.
const BUILTIN_METHOD_ATTRS: &[&str] = &[
    "doc",
    "cfg",
    "cfg_attr",
    "allow",
    "warn",
    "deny",
    "forbid",
    "expect",
    "deprecated",
    "must_use",
    "inline",
    "cold",
    "track_caller",
    "diagnostic",
];

/// Attributes rustc accepts on a function parameter.
const BUILTIN_PARAM_ATTRS: &[&str] = &["allow", "warn", "deny", "forbid", "expect"];

/// Headers the client sets itself; an argument may not replace them.
const RESERVED_HEADERS: &[&str] = &[
    "authorization",
    "x-api-key",
    "accept",
    "content-type",
    "content-length",
    "host",
    "transfer-encoding",
];

/// Parses `#[api(crate = "path", async_fn_docs)]`.
pub(crate) fn options(args: TokenStream, errors: &mut Errors) -> Options {
    let mut private = quote::quote!(::autoposting_client::__private);
    let mut async_fn_docs = false;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("crate") {
            let lit: LitStr = meta.value()?.parse()?;
            let krate: syn::Path = lit.parse()?;
            // Every segment at the string: a path that does not resolve is reported there,
            // and rustc reports the same error at the same place only once.
            private = quote::quote_spanned!(lit.span()=> #krate::__private);
            Ok(())
        } else if meta.path.is_ident("async_fn_docs") {
            async_fn_docs = true;
            Ok(())
        } else {
            Err(meta.error("unknown `#[api]` option; the options are `crate = \"path::to::autoposting_client\"` and `async_fn_docs`"))
        }
    });
    if let Err(error) = parser.parse2(args) {
        errors.push(error);
    }
    Options {
        private,
        async_fn_docs,
    }
}

/// Strips the macro's attributes from `item` in place and returns the endpoints it declares.
pub(crate) fn endpoints(item: &mut ItemTrait, errors: &mut Errors) -> Vec<Endpoint> {
    for param in &item.generics.params {
        errors.at(
            param,
            "`#[api]` traits cannot be generic: declare one trait per concrete API",
        );
    }
    let mut endpoints = Vec::new();
    for trait_item in &mut item.items {
        match trait_item {
            TraitItem::Fn(method) => {
                if let Some(endpoint) = method_endpoint(method, errors) {
                    endpoints.push(endpoint);
                } else if method.default.is_some() {
                    make_dyn_compatible(&mut method.sig);
                }
            }
            TraitItem::Const(item) => errors.at(
                &item.ident,
                "associated constants are not allowed in an `#[api]` trait: it must stay dyn-compatible",
            ),
            TraitItem::Type(item) => errors.at(
                &item.ident,
                "associated types are not allowed in an `#[api]` trait: it must stay dyn-compatible",
            ),
            _ => {}
        }
    }
    endpoints
}

/// A default method that is generic (type parameters or `impl Trait` arguments) would make
/// the trait unusable as `dyn Trait`; it gets `where Self: Sized`, so that it is callable on
/// `Client` and any implementation, and the trait stays dyn-compatible.
fn make_dyn_compatible(sig: &mut Signature) {
    if is_generic(sig) {
        require_sized_self(sig);
    }
}

/// Whether calling the method needs a type argument: a type or const parameter, or an
/// `impl Trait` argument.
pub(crate) fn is_generic(sig: &Signature) -> bool {
    let type_params = sig
        .generics
        .params
        .iter()
        .any(|p| !matches!(p, GenericParam::Lifetime(_)));
    let impl_trait_args = sig
        .inputs
        .iter()
        .any(|input| matches!(input, FnArg::Typed(pat_type) if contains_impl_trait(&pat_type.ty)));
    type_params || impl_trait_args
}

/// Whether `impl Trait` appears anywhere in `ty` (`Option<impl Display>` included).
pub(crate) fn contains_impl_trait(ty: &Type) -> bool {
    fn has_impl(tokens: TokenStream) -> bool {
        tokens.into_iter().any(|token| match token {
            proc_macro2::TokenTree::Ident(ident) => ident == "impl",
            proc_macro2::TokenTree::Group(group) => has_impl(group.stream()),
            _ => false,
        })
    }
    has_impl(ty.to_token_stream())
}

/// Adds `where Self: Sized` unless the method already says so.
pub(crate) fn require_sized_self(sig: &mut Signature) {
    let where_clause = sig.generics.make_where_clause();
    let has = where_clause.predicates.iter().any(|predicate| {
        matches!(predicate, syn::WherePredicate::Type(bound)
            if matches!(&bound.bounded_ty, Type::Path(p) if p.path.is_ident("Self"))
            && bound.bounds.iter().any(|b| matches!(b, syn::TypeParamBound::Trait(t)
                if t.path.segments.last().is_some_and(|s| s.ident == "Sized"))))
    });
    if !has {
        where_clause
            .predicates
            .push(syn::parse_quote!(Self: ::core::marker::Sized));
    }
}

/// The verb attribute of a method: `#[get("/path")]`.
struct VerbAttr {
    verb: Verb,
    path: LitStr,
    options: EndpointOptions,
}

/// Options after the path: `#[post("/path", idempotent, sensitive)]`.
#[derive(Default)]
struct EndpointOptions {
    /// Automatic retries may resend it.
    idempotent: bool,
    /// Its responses carry secrets: errors keep no body snippet.
    sensitive: bool,
}

const UNKNOWN_OPTION: &str = "unknown endpoint option";

/// `"/path"` optionally followed by `, idempotent` and `, sensitive`.
fn verb_args(input: syn::parse::ParseStream<'_>) -> syn::Result<(LitStr, EndpointOptions)> {
    let path: LitStr = input.parse()?;
    let mut options = EndpointOptions::default();
    while !input.is_empty() {
        input.parse::<syn::Token![,]>()?;
        if input.is_empty() {
            break;
        }
        let option: syn::Ident = input.parse()?;
        if option == "idempotent" {
            options.idempotent = true;
        } else if option == "sensitive" {
            options.sensitive = true;
        } else {
            return Err(syn::Error::new(
                option.span(),
                format!(
                    "{UNKNOWN_OPTION} `{option}`; the options are `idempotent` and `sensitive`"
                ),
            ));
        }
    }
    Ok((path, options))
}

fn method_endpoint(method: &mut TraitItemFn, errors: &mut Errors) -> Option<Endpoint> {
    let mut verb_attr: Option<VerbAttr> = None;
    let mut saw_unknown_verb = false;
    let mut kept = Vec::with_capacity(method.attrs.len());
    for attr in std::mem::take(&mut method.attrs) {
        match classify_method_attr(&attr) {
            MethodAttr::Verb(verb) => match attr.parse_args_with(verb_args) {
                Ok((path, options)) if verb_attr.is_none() => {
                    verb_attr = Some(VerbAttr {
                        verb,
                        path,
                        options,
                    });
                }
                Ok(_) => errors.at(&attr, "a method takes exactly one HTTP verb attribute"),
                Err(error) if error.to_string().starts_with(UNKNOWN_OPTION) => {
                    saw_unknown_verb = true;
                    errors.push(error);
                }
                Err(_) => {
                    saw_unknown_verb = true;
                    errors.at(
                        &attr,
                        format!(
                            "expected a path string, as in `#[{}(\"/agents/<agent_id>\")]`",
                            attr_name(&attr)
                        ),
                    );
                }
            },
            MethodAttr::UnknownVerb(name) => {
                saw_unknown_verb = true;
                errors.at(
                    attr.path(),
                    format!("unknown HTTP verb `{name}`; expected one of `get`, `post`, `put`, `patch`, `delete`"),
                );
            }
            MethodAttr::Other => kept.push(attr),
        }
    }
    method.attrs = kept;

    let Some(VerbAttr {
        verb,
        path,
        options,
    }) = verb_attr
    else {
        // Strip argument roles so the trait still compiles, even on misuse.
        for input in &mut method.sig.inputs {
            if let FnArg::Typed(pat_type) = input {
                pat_type.attrs.retain(|attr| !is_role_attr(attr));
            }
        }
        if method.default.is_none() && !saw_unknown_verb {
            errors.at(
                &method.sig.ident,
                format!(
                    "method `{}` has no HTTP verb: add `#[get(\"/path\")]` (or post, put, patch, delete), or give it a default body",
                    method.sig.ident
                ),
            );
        }
        return None;
    };

    if let Some(body) = &method.default {
        errors.at_span(
            body.brace_token.span.join(),
            "an endpoint method has no body of its own: `#[api]` generates the HTTP call",
        );
    }
    let sig = &mut method.sig;
    check_signature_shape(sig, errors);
    make_endpoint_dyn_compatible(sig);
    for attr in &method.attrs {
        if attr.path().is_ident("cfg") || attr.path().is_ident("cfg_attr") {
            errors.at(
                attr,
                "`#[cfg]` is not supported on endpoint methods: put it on the whole trait",
            );
        }
    }
    let path_span = path.span();
    let path = path_template::parse(&path, errors);
    let args = arguments(sig, errors);
    let output = output(sig, errors);
    Some(Endpoint {
        sig: sig.clone(),
        ident: sig.ident.clone(),
        verb,
        idempotent: options.idempotent || verb.is_idempotent(),
        sensitive: options.sensitive,
        path: path?,
        path_span,
        args: args?,
        output: output?,
    })
}

enum MethodAttr {
    Verb(Verb),
    UnknownVerb(String),
    Other,
}

fn attr_name(attr: &Attribute) -> String {
    attr.path()
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn classify_method_attr(attr: &Attribute) -> MethodAttr {
    let Some(ident) = attr.path().get_ident() else {
        return MethodAttr::Other;
    };
    let name = ident.to_string();
    if let Some(verb) = Verb::from_name(&name) {
        return MethodAttr::Verb(verb);
    }
    // An attribute shaped like a verb (`#[fetch("/x")]`, `#[GET("/x")]`) is a misspelt verb.
    let verb_shaped = matches!(attr.meta, Meta::List(_)) && attr.parse_args::<LitStr>().is_ok();
    if verb_shaped && !BUILTIN_METHOD_ATTRS.contains(&name.as_str()) {
        MethodAttr::UnknownVerb(name)
    } else {
        MethodAttr::Other
    }
}

fn check_signature_shape(sig: &Signature, errors: &mut Errors) {
    if sig.asyncness.is_none() {
        errors.at(
            sig.fn_token,
            format!("endpoint method `{}` must be an `async fn`", sig.ident),
        );
    }
    for param in &sig.generics.params {
        if !matches!(param, GenericParam::Lifetime(_)) {
            errors.at(param, "endpoint methods cannot have type or const parameters: the trait must stay dyn-compatible");
        }
    }
    match sig.receiver() {
        Some(receiver) => {
            let by_shared_ref = matches!(receiver.kind, ReceiverKind::Reference(_, _, None))
                && receiver.mutability.is_none();
            if !by_shared_ref {
                errors.at(receiver, "endpoint methods take `&self`");
            }
        }
        None => errors.at(
            &sig.ident,
            format!(
                "endpoint method `{}` must take `&self` as its first argument",
                sig.ident
            ),
        ),
    }
}

/// An endpoint with `impl Trait` arguments (or, on misuse, type parameters) gets
/// `where Self: Sized`, as generic default methods do: callable on `Client`, and the trait
/// stays dyn-compatible. On misuse, that also spares the user's code follow-on errors.
fn make_endpoint_dyn_compatible(sig: &mut Signature) {
    if is_generic(sig) {
        require_sized_self(sig);
    }
}

fn is_role_attr(attr: &Attribute) -> bool {
    ["query", "body", "header"]
        .iter()
        .any(|name| attr.path().is_ident(name))
}

/// Reads each typed argument's role attribute and removes it from the signature.
fn arguments(sig: &mut Signature, errors: &mut Errors) -> Option<Vec<Arg>> {
    let mut args = Vec::new();
    let mut ok = true;
    for input in &mut sig.inputs {
        let FnArg::Typed(pat_type) = input else {
            continue;
        };
        let mut role = None;
        let mut role_tokens = pat_type.pat.to_token_stream();
        let mut kept = Vec::new();
        for attr in std::mem::take(&mut pat_type.attrs) {
            let parsed = if attr.path().is_ident("query") {
                named_role(&attr, &pat_type.pat, "query").map(|key| Role::Query { key })
            } else if attr.path().is_ident("part") {
                named_role(&attr, &pat_type.pat, "part").map(|name| Role::Part { name })
            } else if attr.path().is_ident("body") {
                match &attr.meta {
                    Meta::Path(_) => Ok(Role::Body),
                    _ => Err(syn::Error::new_spanned(
                        &attr,
                        "`#[body]` takes no arguments",
                    )),
                }
            } else if attr.path().is_ident("header") {
                header_role(&attr)
            } else {
                let builtin = attr
                    .path()
                    .get_ident()
                    .is_some_and(|i| BUILTIN_PARAM_ATTRS.contains(&i.to_string().as_str()));
                if builtin {
                    kept.push(attr);
                } else if attr.path().is_ident("cfg") || attr.path().is_ident("cfg_attr") {
                    ok = false;
                    errors.at(&attr, "`#[cfg]` is not supported on endpoint arguments: an endpoint sends every argument");
                } else {
                    // Dropped after reporting, so rustc adds no "cannot find attribute".
                    ok = false;
                    errors.at(
                        &attr,
                        "unknown argument attribute; expected `#[query]`, `#[body]`, `#[header(\"Name\")]` or `#[part]`",
                    );
                }
                continue;
            };
            match parsed {
                Ok(_) if role.is_some() => {
                    ok = false;
                    errors.at(
                        &attr,
                        "an argument takes one role: `#[query]`, `#[body]` or `#[header]`",
                    );
                }
                Ok(parsed) => {
                    role = Some(parsed);
                    role_tokens = attr.to_token_stream();
                }
                Err(error) => {
                    ok = false;
                    errors.push(error);
                }
            }
        }
        pat_type.attrs = kept;
        match &*pat_type.pat {
            Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => {
                args.push(Arg {
                    ident: pat.ident.clone(),
                    ty: pat_type.ty.clone(),
                    role_tokens,
                    role,
                });
            }
            other => {
                ok = false;
                errors.at(
                    other,
                    "endpoint arguments must be plain names, like `agent_id: &str`",
                );
            }
        }
    }
    ok.then_some(args)
}

/// `#[query]` / `#[part]` (named after the argument) or `#[query("name")]` / `#[part("name")]`.
fn named_role(attr: &Attribute, pat: &Pat, role: &str) -> syn::Result<String> {
    match &attr.meta {
        Meta::Path(_) => Ok(match pat {
            Pat::Ident(pat) => pat.ident.unraw().to_string(),
            _ => String::new(),
        }),
        Meta::List(_) => {
            let lit: LitStr = attr.parse_args()?;
            if lit.value().is_empty() {
                return Err(syn::Error::new_spanned(
                    lit,
                    format!("a {role} name cannot be empty"),
                ));
            }
            Ok(lit.value())
        }
        Meta::NameValue(_) => Err(syn::Error::new_spanned(
            attr,
            format!("write `#[{role}]` or `#[{role}(\"name\")]`"),
        )),
    }
}

fn header_role(attr: &Attribute) -> syn::Result<Role> {
    let lit: LitStr = attr.parse_args().map_err(|_| {
        syn::Error::new_spanned(
            attr,
            "write the header name as a string: `#[header(\"X-Request-Id\")]`",
        )
    })?;
    let name = lit.value();
    // RFC 9110 `token` characters; `http::HeaderName` stores names lower-case.
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c));
    if !valid {
        return Err(syn::Error::new_spanned(
            lit,
            format!("`{name}` is not a valid HTTP header name"),
        ));
    }
    let lower = name.to_ascii_lowercase();
    if RESERVED_HEADERS.contains(&lower.as_str()) {
        return Err(syn::Error::new_spanned(
            lit,
            format!("`{name}` is set by the client itself and cannot be an argument"),
        ));
    }
    Ok(Role::Header { name: lower })
}

fn output(sig: &Signature, errors: &mut Errors) -> Option<Output> {
    const HINT: &str = "endpoint methods return `Result<T>` (the client crate's `Result`), where `T` is the type of the envelope's `data`, or `()`";
    let ReturnType::Type(_, ty) = &sig.output else {
        errors.at(&sig.ident, HINT);
        return None;
    };
    let Some(inner) = result_inner(ty) else {
        errors.at(ty, HINT);
        return None;
    };
    if let Some(error) = second_generic(ty)
        && !is_path_ending_in(error, "Error")
    {
        errors.at(
            error,
            "the error type of an endpoint is the client crate's `Error`: write `Result<T>`",
        );
        return None;
    }
    if let Some(data) = generic_of(inner, "ApiResponse") {
        return Some(Output::Response(
            (!is_unit(data)).then(|| Box::new(data.clone())),
        ));
    }
    Some(if is_unit(inner) {
        Output::Unit
    } else {
        Output::Data(Box::new(inner.clone()))
    })
}

fn is_unit(ty: &Type) -> bool {
    matches!(ty, Type::Tuple(tuple) if tuple.elems.is_empty())
}

/// `E` of a `Result<T, E>`.
fn second_generic(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let syn::PathArguments::AngleBracketed(args) = &path.path.segments.last()?.arguments else {
        return None;
    };
    match args.args.iter().nth(1)? {
        syn::GenericArgument::Type(error) => Some(error),
        _ => None,
    }
}

fn is_path_ending_in(ty: &Type, name: &str) -> bool {
    matches!(ty, Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == name))
}

/// `T` of a `Result<T>` or `Result<T, E>` written with any path prefix.
fn result_inner(ty: &Type) -> Option<&Type> {
    generic_of(ty, "Result")
}

/// The first type argument of `name<T, ...>` written with any path prefix.
fn generic_of<'a>(ty: &'a Type, name: &str) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}
