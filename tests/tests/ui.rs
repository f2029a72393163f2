//! Compile errors of the `#[api]` macro, each a `ui/*.rs` file with its expected `.stderr`.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/*.rs");
}
