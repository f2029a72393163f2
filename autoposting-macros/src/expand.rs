//! Generates code from a validated model: the trait as a plain `async_trait` interface, a
//! run-time endpoint table, and the HTTP implementation for the client type. Each generated
//! method is one call chain into the runtime's generic `Request`, so per-endpoint code stays
//! a few lines long.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::visit_mut::{self, VisitMut};
use syn::{ItemTrait, TraitItem};

use crate::errors::Errors;
use crate::model::{Endpoint, Options, Output, Role};
use crate::{parse, validate};

/// The whole expansion of `#[api]`.
pub(crate) fn api(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let options = parse::options(args, &mut errors);
    let mut item: ItemTrait = match syn::parse2(input) {
        Ok(item) => item,
        Err(error) => {
            let message = format!("`#[api]` goes on a trait declaring endpoints: {error}");
            return syn::Error::new(error.span(), message).to_compile_error();
        }
    };
    let mut endpoints = parse::endpoints(&mut item, &mut errors);
    endpoints.retain_mut(|endpoint| validate::endpoint(endpoint, &mut errors));
    document_endpoints(&mut item, &endpoints);
    require_send_sync(&mut item);

    let krate = &options.krate;
    let interface = quote! {
        #[#krate::__private::async_trait]
        #item
    };
    if !errors.is_empty() {
        // Emit the plain trait too, so code using it type-checks and the user sees only
        // the misuse, not a cascade of "trait not found" errors.
        let compile_errors = errors.to_compile_errors();
        let fallback = fallback_impl(&options, &item);
        return quote! { #compile_errors #interface #fallback };
    }

    let table = endpoint_table(&options, &item, &endpoints);
    let client_impl = client_impl(&options, &item, &endpoints);
    quote! { #interface #table #client_impl }
}

/// Appends the verb and path each endpoint sends to its documentation.
fn document_endpoints(item: &mut ItemTrait, endpoints: &[Endpoint]) {
    for trait_item in &mut item.items {
        let TraitItem::Fn(method) = trait_item else {
            continue;
        };
        let Some(endpoint) = endpoints.iter().find(|e| e.ident == method.sig.ident) else {
            continue;
        };
        let line = format!(
            " Sends `{} {}`.",
            endpoint.verb.as_http(),
            endpoint.path.display()
        );
        let has_docs = method.attrs.iter().any(|attr| attr.path().is_ident("doc"));
        if has_docs {
            method.attrs.push(syn::parse_quote!(#[doc = ""]));
        }
        method.attrs.push(syn::parse_quote!(#[doc = #line]));
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
    let krate = &options.krate;
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
            #krate::Endpoint::__new(
                #krate::__private::Method::#method,
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
            #vis const ENDPOINTS: &'static [#krate::Endpoint] = &[#(#entries),*];
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
    let krate = &options.krate;
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
        #[#krate::__private::async_trait]
        impl #ident for #krate::Client {
            #(#methods)*
        }
    }
}

/// `impl Trait for Client`, each method one chain of calls into the runtime.
///
/// The methods are written with the signatures `async_trait` gives the trait's methods, and
/// return the runtime's boxed request future as it is, rather than going through
/// `async_trait` with an `async` block: the request is assembled when the method is called
/// and nothing is borrowed from the arguments afterwards, so no per-method future type is
/// needed. That keeps a crate with hundreds of endpoints cheap to compile (no coroutine to
/// borrow-check, lay out or prove `Send`, per method or per response type: the runtime's
/// future is proved `Send` once, in the client crate) and costs nothing at run time (one
/// allocation per call, as with `async_trait`).
fn client_impl(options: &Options, item: &ItemTrait, endpoints: &[Endpoint]) -> TokenStream {
    let krate = &options.krate;
    let ident = &item.ident;
    let methods = endpoints.iter().enumerate().map(|(index, endpoint)| {
        let sig = boxed_signature(&endpoint.sig);
        let calls = request_calls(options, endpoint);
        let send = match &endpoint.output {
            Output::Unit => quote!(.send_unit()),
            Output::Data(ty) => quote_spanned!(syn::spanned::Spanned::span(ty)=> .send::<#ty>()),
            Output::Response(Some(ty)) => {
                quote_spanned!(syn::spanned::Spanned::span(ty)=> .send_with_response::<#ty>())
            }
            Output::Response(None) => quote!(.send_unit_with_response()),
        };
        quote! {
            #[allow(clippy::needless_lifetimes, clippy::type_complexity, clippy::type_repetition_in_bounds)]
            #sig {
                #krate::__private::Request::new(self, &<dyn #ident>::ENDPOINTS[#index])
                    #(#calls)*
                    #send
            }
        }
    });
    quote! {
        impl #ident for #krate::Client {
            #(#methods)*
        }
    }
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
            syn::FnArg::Typed(arg) => lifetimes.visit_type_mut(&mut arg.ty),
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

/// The builder calls that put each argument in its place: path segments in template order,
/// then query parameters, headers and the body in argument order. Each call is spanned at
/// its argument, so a type that cannot fill its role is reported there.
fn request_calls(options: &Options, endpoint: &Endpoint) -> Vec<TokenStream> {
    let krate = &options.krate;
    let mut calls = Vec::new();
    for placeholder in &endpoint.path.placeholders {
        if let Some(arg) = endpoint
            .args
            .iter()
            .find(|arg| arg.ident.unraw() == placeholder.as_str())
        {
            let ident = &arg.ident;
            calls.push(quote_spanned!(ident.span()=> .path(#placeholder, &#ident)));
        }
    }
    for arg in &endpoint.args {
        let ident = &arg.ident;
        let call = match &arg.role {
            Some(Role::Query { key }) => quote_spanned!(ident.span()=> .query(#key, &#ident)),
            Some(Role::Header { name }) => quote_spanned!(ident.span()=>
                .header(const { #krate::__private::HeaderName::from_static(#name) }, &#ident)
            ),
            Some(Role::Body) => quote_spanned!(ident.span()=> .json(&#ident)),
            Some(Role::Part { name }) => quote_spanned!(ident.span()=> .part(#name, &#ident)),
            Some(Role::Path) | None => continue,
        };
        calls.push(call);
    }
    calls
}
