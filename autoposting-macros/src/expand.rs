//! Generates code from a validated model: the trait as a plain `async_trait` interface, a
//! run-time endpoint table, and the HTTP implementation for the client type. Each generated
//! method is one call chain into the runtime's generic `Request`, so per-endpoint code stays
//! a few lines long.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
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
fn client_impl(options: &Options, item: &ItemTrait, endpoints: &[Endpoint]) -> TokenStream {
    let krate = &options.krate;
    let ident = &item.ident;
    let methods = endpoints.iter().enumerate().map(|(index, endpoint)| {
        let sig = &endpoint.sig;
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
            #sig {
                #krate::__private::Request::new(self, &<dyn #ident>::ENDPOINTS[#index])
                    #(#calls)*
                    #send
                    .await
            }
        }
    });
    quote! {
        #[#krate::__private::async_trait]
        impl #ident for #krate::Client {
            #(#methods)*
        }
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
