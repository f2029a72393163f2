//! The `#[api]` attribute macro of [`autoposting-client`](https://docs.rs/autoposting-client).
//!
//! Use it through `autoposting_client::api`; the full contract (argument roles, return types,
//! the generated trait and implementation, and every compile error) is documented there.
//!
//! The expansion runs in four steps, one file each: `parse` the trait into a plain
//! `model`, `validate` the model, and `expand` it into a few steps per method into
//! the runtime's one generic `Request`. Errors from all steps are collected in `errors`
//! and reported together.

mod errors;
mod expand;
mod model;
mod parse;
mod path_template;
mod validate;

use proc_macro::TokenStream;

/// (The macro is implemented in the `autoposting-macros` crate; use it through
/// `autoposting_client::api`.)
#[proc_macro_attribute]
pub fn api(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::api(args.into(), input.into()).into()
}
