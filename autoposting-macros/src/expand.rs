//! Generates code from a validated model: the trait as a plain interface (each endpoint
//! with the boxed-future signature `async_trait` would give it, written out), a run-time
//! endpoint table, the HTTP implementation for the client type and, with `async_fn_docs`,
//! a rendering of both for `cargo doc` only. Each generated method is a few steps into the
//! runtime's generic `Request`, each through a trait named at the user's own type (so a
//! type that cannot fill its role is reported there), and per-endpoint code stays a few
//! lines long.
//!
//! Longer than the other stages, and kept whole: the four things it generates share the
//! names and helpers at its top, and each is short.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{ItemTrait, TraitItem};

use crate::errors::Errors;
use crate::model::{Endpoint, Options, Output, Role};
use crate::{parse, validate};

/// The whole expansion of `#[api]`.
pub(crate) fn api(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let mut options = parse::options(args, &mut errors);
    let mut item: ItemTrait = match syn::parse2(input) {
        Ok(item) => item,
        Err(error) => {
            let message = format!("`#[api]` goes on a trait declaring endpoints: {error}");
            return syn::Error::new(error.span(), message).to_compile_error();
        }
    };
    // Everything generated names the runtime through one import: a wrong `crate = "..."`
    // path is then one unresolved import, and rustc reports nothing about its uses.
    let alias = format_ident!("__autoposting_private_{}", item.ident);
    let private_path = std::mem::replace(&mut options.private, quote!(#alias));
    let import = quote! {
        #[allow(unused_imports)]
        use #private_path as #alias;
    };
    let mut endpoints = parse::endpoints(&mut item, &mut errors);
    endpoints.retain_mut(|endpoint| validate::endpoint(endpoint, &mut errors));
    document_endpoints(&mut item, &endpoints);
    require_send_sync(&mut item);

    let private = &options.private;
    if !errors.is_empty() {
        // Emit the plain trait too, so code using it type-checks and the user sees only
        // the misuse, not a cascade of "trait not found" errors.
        let compile_errors = errors.to_compile_errors();
        let fallback = fallback_impl(&options, &item);
        return quote! {
            #compile_errors
            #import
            #[#private::async_trait]
            #item
            #fallback
        };
    }

    let interface = real_interface(&options, &item, &endpoints);
    let table = endpoint_table(&options, &item, &endpoints);
    let client_impl = client_impl(&options, &item, &endpoints);
    if options.async_fn_docs {
        // Two renderings of the trait and its implementation: the real one, and under
        // `cfg(doc)` (set only while rustdoc documents this crate, never for its tests or
        // doctests) one written as declared, so that `cargo doc` shows `async fn`s.
        let (doc_trait, doc_impl) = doc_rendering(&options, &item);
        return quote! {
            #import
            #[cfg(not(doc))]
            #interface
            #doc_trait
            #table
            #[cfg(not(doc))]
            #client_impl
            #doc_impl
        };
    }
    quote! { #import #interface #table #client_impl }
}

/// The trait as compiled: each endpoint declared with the signature `async_trait` would
/// give it (a boxed `Send` future), written out here so that a trait of endpoints needs no
/// second macro pass; generic `async` default methods returning `impl Future`; and
/// `async_trait` applied only if other `async` default methods remain.
fn real_interface(options: &Options, item: &ItemTrait, endpoints: &[Endpoint]) -> TokenStream {
    let private = &options.private;
    let mut item = item.clone();
    desugar_generic_async_defaults(&mut item);
    for trait_item in &mut item.items {
        if let TraitItem::Fn(method) = trait_item
            && let Some(endpoint) = endpoints.iter().find(|e| e.ident == method.sig.ident)
        {
            method.sig = boxed_signature(&endpoint.sig);
            method.attrs.push(syn::parse_quote!(
                #[allow(clippy::needless_lifetimes, clippy::type_complexity, clippy::type_repetition_in_bounds)]
            ));
        }
    }
    let needs_async_trait = item
        .items
        .iter()
        .any(|i| matches!(i, TraitItem::Fn(method) if method.sig.asyncness.is_some()));
    if needs_async_trait {
        quote! {
            #[#private::async_trait]
            #item
        }
    } else {
        quote!(#item)
    }
}

/// Appends to each endpoint's documentation the verb and path it sends, and where each
/// query, header and multipart argument goes on the wire.
fn document_endpoints(item: &mut ItemTrait, endpoints: &[Endpoint]) {
    for trait_item in &mut item.items {
        let TraitItem::Fn(method) = trait_item else {
            continue;
        };
        let Some(endpoint) = endpoints.iter().find(|e| e.ident == method.sig.ident) else {
            continue;
        };
        let mut lines = vec![format!(
            " Sends `{} {}`.",
            endpoint.verb.as_http(),
            endpoint.path.display()
        )];
        let wire: Vec<String> = endpoint.args.iter().filter_map(wire_line).collect();
        if !wire.is_empty() {
            lines.push(String::new());
            lines.extend(wire);
        }
        let has_docs = method.attrs.iter().any(|attr| attr.path().is_ident("doc"));
        if has_docs {
            method.attrs.push(syn::parse_quote!(#[doc = ""]));
        }
        for line in lines {
            method.attrs.push(syn::parse_quote!(#[doc = #line]));
        }
    }
}

/// The documentation line saying where an argument goes on the wire, for the roles whose
/// wire name is not obvious from the path.
fn wire_line(arg: &crate::model::Arg) -> Option<String> {
    let ident = arg.ident.unraw();
    let shape = ValueShape::of(&arg.ty);
    let (place, name, per_field) = match &arg.role {
        Some(Role::Query { key }) => ("the query parameter", key, true),
        Some(Role::Header { name }) => ("the header", name, false),
        Some(Role::Part { name }) => ("the multipart field", name, false),
        Some(Role::Path | Role::Body) | None => return None,
    };
    let mut notes = Vec::new();
    if shape.optional {
        notes.push("nothing is sent when it is `None`");
    }
    if shape.repeated {
        notes.push(if per_field {
            "a list repeats the parameter once per element"
        } else {
            "a list repeats it once per element"
        });
    }
    if per_field && !shape.scalar {
        notes.push(
            "a struct or map value is sent instead as one parameter per field, named as serde names them",
        );
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    };
    Some(format!(" - `{ident}` is sent as {place} `{name}`{notes}."))
}

/// What the written type of an argument says about how it serialises.
#[derive(Default)]
struct ValueShape {
    /// `Option<_>`.
    optional: bool,
    /// `Vec<_>`, `[_]` or `&[_]`.
    repeated: bool,
    /// A type known to serialise as one value (numbers, `bool`, strings).
    scalar: bool,
}

impl ValueShape {
    fn of(ty: &syn::Type) -> Self {
        let mut shape = ValueShape::default();
        let mut ty = ty;
        loop {
            match ty {
                syn::Type::Reference(reference) => ty = &reference.elem,
                syn::Type::Paren(paren) => ty = &paren.elem,
                syn::Type::Group(group) => ty = &group.elem,
                syn::Type::Slice(slice) => {
                    shape.repeated = true;
                    ty = &slice.elem;
                }
                syn::Type::Path(path) if path.qself.is_none() => {
                    let Some(last) = path.path.segments.last() else {
                        return shape;
                    };
                    let name = last.ident.to_string();
                    let inner = match &last.arguments {
                        syn::PathArguments::AngleBracketed(args) => {
                            args.args.iter().find_map(|arg| match arg {
                                syn::GenericArgument::Type(inner) => Some(inner),
                                _ => None,
                            })
                        }
                        _ => None,
                    };
                    match (name.as_str(), inner) {
                        ("Option", Some(inner)) => {
                            shape.optional = true;
                            ty = inner;
                        }
                        ("Vec", Some(inner)) => {
                            shape.repeated = true;
                            ty = inner;
                        }
                        ("Box" | "Rc" | "Arc", Some(inner)) => ty = inner,
                        _ => {
                            shape.scalar = SCALARS.contains(&name.as_str());
                            return shape;
                        }
                    }
                }
                _ => return shape,
            }
        }
    }
}

/// Types that serialise as a single value.
const SCALARS: &[&str] = &[
    "bool",
    "char",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "f32",
    "f64",
    "str",
    "String",
    "Cow",
    "NonZeroU32",
    "NonZeroU64",
];

/// Writes each generic `async` default method (`impl Trait` arguments or type parameters,
/// hence `where Self: Sized`) as a plain method returning `impl Future`, which
/// `async_trait` leaves alone: its future is then neither boxed nor required to be `Send`
/// for every argument type, only for those of each call (auto traits of the future are
/// known wherever the implementing type is). So a body may hold an `impl IntoIterator`'s
/// iterator across an `.await` although the trait cannot say that iterator is `Send`.
fn desugar_generic_async_defaults(item: &mut ItemTrait) {
    for trait_item in &mut item.items {
        let TraitItem::Fn(method) = trait_item else {
            continue;
        };
        let Some(block) = &method.default else {
            continue;
        };
        if method.sig.asyncness.is_none() || !parse::is_generic(&method.sig) {
            continue;
        }
        let ret: syn::Type = match &method.sig.output {
            syn::ReturnType::Default => syn::parse_quote!(()),
            syn::ReturnType::Type(_, ty) => (**ty).clone(),
        };
        let block = block.clone();
        method.default = Some(syn::parse_quote!({
            async move {
                let __ret: #ret = #block;
                #[allow(unreachable_code)]
                __ret
            }
        }));
        method.sig.asyncness = None;
        method.sig.output = syn::parse_quote!(-> impl ::core::future::Future<Output = #ret>);
    }
}

/// Makes `Send + Sync` supertraits, so `Box<dyn Trait>` can be shared and its futures sent.
fn require_send_sync(item: &mut ItemTrait) {
    let has = |name: &str| {
        item.supertraits.iter().any(|bound| match bound {
            syn::TypeParamBound::Trait(t) => {
                t.path.segments.last().is_some_and(|s| s.ident == name)
            }
            _ => false,
        })
    };
    let (send, sync) = (has("Send"), has("Sync"));
    if !send {
        item.supertraits
            .push(syn::parse_quote!(::core::marker::Send));
    }
    if !sync {
        item.supertraits
            .push(syn::parse_quote!(::core::marker::Sync));
    }
    if item.colon_token.is_none() {
        item.colon_token = Some(Default::default());
    }
}

/// `impl dyn Trait { pub const ENDPOINTS: &[Endpoint] }`: what the trait declares, for code
/// that reads it at run time (conformance checks, tracing, documentation).
fn endpoint_table(options: &Options, item: &ItemTrait, endpoints: &[Endpoint]) -> TokenStream {
    let private = &options.private;
    let vis = &item.vis;
    let ident = &item.ident;
    let entries = endpoints.iter().map(|endpoint| {
        let method = format_ident!("{}", endpoint.verb.as_http());
        let template = endpoint.path.display();
        let operation = endpoint.ident.to_string();
        let pieces = &endpoint.path.pieces;
        let idempotent = endpoint.idempotent;
        let sensitive = endpoint.sensitive;
        quote! {
            #private::Endpoint::__new(
                #private::Method::#method,
                #template,
                #operation,
                &[#(#pieces),*],
                #idempotent,
                #sensitive,
            )
        }
    });
    let doc = format!(
        " The endpoints [`{ident}`] declares, in declaration order: the method, path template and \
         operation name of each, readable at run time."
    );
    quote! {
        impl dyn #ident {
            #[doc = #doc]
            #vis const ENDPOINTS: &'static [#private::Endpoint] = &[#(#entries),*];
        }
    }
}

/// On misuse: `impl Trait for Client` with bodies that are never run, so that calls to the
/// trait's methods elsewhere type-check and only the misuse itself is reported.
fn fallback_impl(options: &Options, item: &ItemTrait) -> TokenStream {
    let has_other_items = item.items.iter().any(|i| !matches!(i, TraitItem::Fn(_)));
    if !item.generics.params.is_empty() || has_other_items {
        return TokenStream::new();
    }
    let private = &options.private;
    let ident = &item.ident;
    let methods = item.items.iter().filter_map(|trait_item| match trait_item {
        TraitItem::Fn(method) if method.default.is_none() => {
            let sig = &method.sig;
            Some(quote! {
                #[allow(unused_variables)]
                #sig {
                    ::core::unreachable!("this `#[api]` declaration has compile errors")
                }
            })
        }
        _ => None,
    });
    quote! {
        #[#private::async_trait]
        impl #ident for #private::Client {
            #(#methods)*
        }
    }
}

/// `impl Trait for Client`, each method a few steps into the runtime.
///
/// The methods are written with the signatures `async_trait` gives the trait's methods, and
/// return the runtime's boxed request future as it is, rather than going through
/// `async_trait` with an `async` block: the request is assembled when the method is called
/// and nothing is borrowed from the arguments afterwards, so no per-method future type is
/// needed. That keeps a crate with hundreds of endpoints cheap to compile (no coroutine to
/// borrow-check, lay out or prove `Send`, per method or per response type: the runtime's
/// future is proved `Send` once, in the client crate) and next to nothing at run time (the
/// boxed future, as with `async_trait`, and the runtime's boxed exchange inside it).
///
/// Each method is `#[inline]`, which makes rustc compile it (and the decoding of its
/// response type it instantiates) only in a crate that calls it, as it does generic code,
/// instead of in the crate declaring the trait. A user of the client who calls three
/// endpoints then compiles those three, not the 94 the client declares: building the
/// client crate with every API area went from 135 s to 27 s of CPU time in release. (A
/// crate that makes `Client` a `dyn Trait` compiles every method of that trait, for its
/// vtable.)
fn client_impl(options: &Options, item: &ItemTrait, endpoints: &[Endpoint]) -> TokenStream {
    let private = &options.private;
    let ident = &item.ident;
    let methods = endpoints.iter().enumerate().map(|(index, endpoint)| {
        let sig = boxed_signature(&endpoint.sig);
        let steps = request_steps(options, endpoint);
        let request = quote!(__request);
        // The data type and the `Result` are checked through traits named at the user's
        // types, so that a wrong one is reported there, in the runtime's words.
        let pending = match &endpoint.output {
            Output::Unit => quote!(#request.send_unit()),
            Output::Data(ty) => quote_spanned!(ty.span()=>
                <#ty as #private::ResponseData>::send(#request)
            ),
            Output::Response(Some(ty)) => quote_spanned!(ty.span()=>
                <#ty as #private::ResponseData>::send_with_response(#request)
            ),
            Output::Response(None) => quote!(#request.send_unit_with_response()),
        };
        let body = match &endpoint.sig.output {
            syn::ReturnType::Type(_, ret) => quote_spanned!(ret.span()=>
                <#ret as #private::EndpointResult<_>>::from_pending(#pending)
            ),
            syn::ReturnType::Default => pending,
        };
        quote! {
            #[inline]
            #[allow(clippy::needless_lifetimes, clippy::type_complexity, clippy::type_repetition_in_bounds)]
            #sig {
                let __request = #private::Request::new(self, &<dyn #ident>::ENDPOINTS[#index]);
                #(let __request = #steps;)*
                #body
            }
        }
    });
    quote! {
        impl #ident for #private::Client {
            #(#methods)*
        }
    }
}

/// The rendering `cargo doc` shows: the trait with its methods as declared (`async fn`,
/// no `'async_trait` lifetimes, no boxed futures), and `impl Trait for Client` the same
/// way. Async methods get `where Self: Sized` there, which keeps the rendered trait
/// dyn-compatible (as the real one is) so that `dyn Trait` in documented signatures still
/// resolves. Bodies are never run: rustdoc does not execute code, and the real rendering
/// is the only one compiled into programs and tests.
fn doc_rendering(options: &Options, item: &ItemTrait) -> (TokenStream, TokenStream) {
    let private = &options.private;
    let mut doc_item = item.clone();
    let ident = &item.ident;
    for trait_item in &mut doc_item.items {
        if let TraitItem::Fn(method) = trait_item
            && method.sig.asyncness.is_some()
        {
            parse::require_sized_self(&mut method.sig);
        }
    }
    let note = format!(
        " The methods are shown as declared. `#[api]` implements them through \
         `async_trait`: each returns a boxed `Send` future, and `{ident}` is dyn-compatible, \
         so they can be called on `dyn {ident}` too (the `where Self: Sized` shown on them \
         exists only in this documentation)."
    );
    if doc_item
        .attrs
        .iter()
        .any(|attr| attr.path().is_ident("doc"))
    {
        doc_item.attrs.push(syn::parse_quote!(#[doc = ""]));
    }
    doc_item.attrs.push(syn::parse_quote!(#[doc = #note]));
    let methods = item.items.iter().filter_map(|trait_item| match trait_item {
        TraitItem::Fn(method) if method.default.is_none() => {
            let mut sig = method.sig.clone();
            for input in &mut sig.inputs {
                if let syn::FnArg::Typed(pat_type) = input {
                    pat_type.attrs.clear();
                }
            }
            Some(quote! {
                #[allow(unused_variables)]
                #sig {
                    ::core::unreachable!()
                }
            })
        }
        _ => None,
    });
    let doc_trait = quote! {
        #[cfg(doc)]
        #[allow(async_fn_in_trait)]
        #doc_item
    };
    let doc_impl = quote! {
        #[cfg(doc)]
        impl #ident for #private::Client {
            #(#methods)*
        }
    };
    (doc_trait, doc_impl)
}

/// The signature `async_trait` gives an `async fn` of the trait: every elided lifetime of
/// the receiver and the arguments named (`'life0`, `'life1`, … in order), each lifetime
/// outliving `'async_trait`, and the output a pinned, boxed `Send` future. An impl must
/// match it exactly, lifetime for lifetime.
fn boxed_signature(sig: &syn::Signature) -> syn::Signature {
    let mut sig = sig.clone();
    sig.asyncness = None;
    let output: syn::Type = match &sig.output {
        syn::ReturnType::Default => syn::parse_quote!(()),
        syn::ReturnType::Type(_, ty) => (**ty).clone(),
    };
    let mut lifetimes = CollectLifetimes::default();
    for arg in &mut sig.inputs {
        match arg {
            syn::FnArg::Receiver(receiver) => lifetimes.visit_receiver_mut(receiver),
            syn::FnArg::Typed(arg) => {
                lifetimes.visit_type_mut(&mut arg.ty);
                AddLifetimeToImplTrait.visit_type_mut(&mut arg.ty);
            }
        }
    }
    let mut predicates: Vec<syn::WherePredicate> = Vec::new();
    for param in &mut sig.generics.params {
        if let syn::GenericParam::Lifetime(param) = param {
            let name = param.lifetime.clone();
            let bounds = std::mem::take(&mut param.bounds);
            param.colon_token = None;
            predicates.push(if bounds.is_empty() {
                syn::parse_quote!(#name: 'async_trait)
            } else {
                syn::parse_quote!(#name: 'async_trait + #bounds)
            });
        }
    }
    for elided in &lifetimes.elided {
        sig.generics.params.push(syn::parse_quote!(#elided));
        predicates.push(syn::parse_quote!(#elided: 'async_trait));
    }
    sig.generics.params.push(syn::parse_quote!('async_trait));
    predicates.push(syn::parse_quote!(Self: 'async_trait));
    if sig.generics.lt_token.is_none() {
        sig.generics.lt_token = Some(Default::default());
        sig.generics.gt_token = Some(Default::default());
    }
    sig.generics
        .make_where_clause()
        .predicates
        .extend(predicates);
    sig.output = syn::parse_quote! {
        -> ::core::pin::Pin<::std::boxed::Box<
            dyn ::core::future::Future<Output = #output> + ::core::marker::Send + 'async_trait
        >>
    };
    sig
}

/// Names elided lifetimes as `async_trait` does (its `CollectLifetimes`): each `&` without a
/// lifetime and each `'_`, in the order they appear, becomes `'life0`, `'life1`, ….
#[derive(Default)]
struct CollectLifetimes {
    elided: Vec<syn::Lifetime>,
}

impl CollectLifetimes {
    fn next_lifetime(&mut self, span: proc_macro2::Span) -> syn::Lifetime {
        let life = syn::Lifetime::new(&format!("'life{}", self.elided.len()), span);
        self.elided.push(life.clone());
        life
    }

    fn visit_opt_lifetime(
        &mut self,
        span: proc_macro2::Span,
        lifetime: &mut Option<syn::Lifetime>,
    ) {
        match lifetime {
            None => *lifetime = Some(self.next_lifetime(span)),
            Some(lifetime) => self.visit_lifetime(lifetime),
        }
    }

    fn visit_lifetime(&mut self, lifetime: &mut syn::Lifetime) {
        if lifetime.ident == "_" {
            *lifetime = self.next_lifetime(lifetime.span());
        }
    }
}

impl VisitMut for CollectLifetimes {
    fn visit_receiver_kind_mut(&mut self, receiver: &mut syn::ReceiverKind) {
        match receiver {
            syn::ReceiverKind::Value => {}
            syn::ReceiverKind::Reference(reference, lifetime, _mutability) => {
                self.visit_opt_lifetime(reference.span, lifetime);
            }
            syn::ReceiverKind::Typed(_colon, ty) => visit_mut::visit_type_mut(self, ty),
            _ => {}
        }
    }

    fn visit_type_reference_mut(&mut self, ty: &mut syn::TypeReference) {
        self.visit_opt_lifetime(ty.and_token.span, &mut ty.lifetime);
        visit_mut::visit_type_reference_mut(self, ty);
    }

    fn visit_generic_argument_mut(&mut self, arg: &mut syn::GenericArgument) {
        if let syn::GenericArgument::Lifetime(lifetime) = arg {
            self.visit_lifetime(lifetime);
        }
        visit_mut::visit_generic_argument_mut(self, arg);
    }
}

/// Bounds each `impl Trait` argument by `'async_trait` (`impl 'async_trait + Display`),
/// parenthesised behind `&`, as `async_trait` does in the trait.
struct AddLifetimeToImplTrait;

impl VisitMut for AddLifetimeToImplTrait {
    fn visit_type_impl_trait_mut(&mut self, ty: &mut syn::TypeImplTrait) {
        let span = ty.impl_token.span;
        ty.bounds.insert(
            0,
            syn::TypeParamBound::Lifetime(syn::Lifetime::new("'async_trait", span)),
        );
        visit_mut::visit_type_impl_trait_mut(self, ty);
    }

    fn visit_type_reference_mut(&mut self, ty: &mut syn::TypeReference) {
        if let syn::Type::ImplTrait(_) = *ty.elem {
            let elem = (*ty.elem).clone();
            *ty.elem = syn::parse_quote!((#elem));
        }
        visit_mut::visit_type_reference_mut(self, ty);
    }
}

/// The steps that put each argument in its place, each `__request` → `__request`: path
/// segments in template order, then query parameters, headers and the body in argument
/// order. Each goes through a trait named at the argument's type
/// (`<&str as PathArgument>::fill(__request, "agent_id", &agent_id)`), so that a type that
/// cannot fill its role is reported there; an `impl Trait` type, which cannot be named in
/// an expression, calls the `Request` method directly.
fn request_steps(options: &Options, endpoint: &Endpoint) -> Vec<TokenStream> {
    let private = &options.private;
    let mut steps = Vec::new();
    for placeholder in &endpoint.path.placeholders {
        if let Some(arg) = endpoint
            .args
            .iter()
            .find(|arg| arg.ident.unraw() == placeholder.as_str())
        {
            let (ident, ty) = (&arg.ident, &arg.ty);
            steps.push(if parse::contains_impl_trait(ty) {
                quote_spanned!(ident.span()=> __request.path(#placeholder, &#ident))
            } else {
                quote_spanned!(ty.span()=>
                    <#ty as #private::PathArgument>::fill(__request, #placeholder, &#ident))
            });
        }
    }
    for arg in &endpoint.args {
        let (ident, ty) = (&arg.ident, &arg.ty);
        let named = !parse::contains_impl_trait(ty);
        let step = match &arg.role {
            Some(Role::Query { key }) if named => quote_spanned!(ty.span()=>
                <#ty as #private::SerializeArgument>::query(__request, #key, &#ident)),
            Some(Role::Query { key }) => {
                quote_spanned!(ident.span()=> __request.query(#key, &#ident))
            }
            Some(Role::Header { name }) => {
                let name = quote!(const { #private::HeaderName::from_static(#name) });
                if named {
                    quote_spanned!(ty.span()=>
                        <#ty as #private::SerializeArgument>::header(__request, #name, &#ident))
                } else {
                    quote_spanned!(ident.span()=> __request.header(#name, &#ident))
                }
            }
            Some(Role::Body) if named => quote_spanned!(ty.span()=>
                <#ty as #private::SerializeArgument>::body(__request, &#ident)),
            Some(Role::Body) => quote_spanned!(ident.span()=> __request.json(&#ident)),
            Some(Role::Part { name }) => {
                quote_spanned!(ident.span()=> __request.part(#name, &#ident))
            }
            Some(Role::Path) | None => continue,
        };
        steps.push(step);
    }
    steps
}
