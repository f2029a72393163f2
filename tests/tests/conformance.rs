//! The client declares exactly the catalogued API: every (method, path) of
//! `fixtures/endpoints.json` once, and nothing else. Paths are compared without parameter
//! names (`/agents/{agentId}` and `/agents/{agent_id}` are the same operation).

use std::collections::BTreeMap;

#[path = "contract/harness.rs"]
mod harness;

use harness::{catalog, shape};

fn declared() -> BTreeMap<(String, String), Vec<&'static str>> {
    let mut declared: BTreeMap<(String, String), Vec<&'static str>> = BTreeMap::new();
    for endpoint in autoposting_client::endpoints() {
        declared
            .entry((endpoint.method.to_string(), shape(endpoint.path)))
            .or_default()
            .push(endpoint.operation);
    }
    declared
}

#[test]
fn every_catalogued_operation_is_declared_exactly_once() {
    let declared = declared();
    let mut missing = Vec::new();
    for entry in catalog() {
        match declared.get(&(entry.method.clone(), shape(&entry.path))) {
            None => missing.push(format!("{} {}", entry.method, entry.path)),
            Some(operations) => assert_eq!(
                operations.len(),
                1,
                "{} {} declared by {operations:?}",
                entry.method,
                entry.path
            ),
        }
    }
    assert!(
        missing.is_empty(),
        "{} of {} operations are not declared:\n{}",
        missing.len(),
        catalog().len(),
        missing.join("\n")
    );
}

#[test]
fn nothing_undeclared_in_the_catalogue_is_left_over() {
    let catalogued: Vec<(String, String)> = catalog()
        .iter()
        .map(|e| (e.method.clone(), shape(&e.path)))
        .collect();
    let extra: Vec<String> = declared()
        .into_iter()
        .filter(|(key, _)| !catalogued.contains(key))
        .map(|((method, path), operations)| format!("{method} {path} ({operations:?})"))
        .collect();
    assert!(
        extra.is_empty(),
        "declared but not catalogued:\n{}",
        extra.join("\n")
    );
}

#[test]
fn operation_names_are_unique() {
    let mut names: Vec<&str> = autoposting_client::endpoints()
        .map(|e| e.operation)
        .collect();
    let count = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(
        names.len(),
        count,
        "two traits declare the same method name"
    );
}

#[test]
fn the_fixture_matches_the_shared_catalogue() {
    // CI lays shared/ beside the clone; where it is there, the copy must not have drifted.
    let shared =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/api/endpoints.json");
    if let Ok(text) = std::fs::read_to_string(&shared) {
        let shared: serde_json::Value = serde_json::from_str(&text).unwrap();
        let ours: serde_json::Value =
            serde_json::from_str(include_str!("../fixtures/endpoints.json")).unwrap();
        assert_eq!(
            shared, ours,
            "tests/fixtures/endpoints.json differs from shared/api/endpoints.json"
        );
    }
}

/// Operations whose answers hold secrets (signed storage URLs, keys, tokens) keep their
/// bodies out of errors.
#[test]
fn operations_answering_signed_urls_are_sensitive() {
    for operation in [
        "presign_clip_upload_parts",
        "presign_media",
        "start_kb_document_upload",
    ] {
        let endpoint = autoposting_client::endpoints()
            .find(|e| e.operation == operation)
            .unwrap_or_else(|| panic!("{operation} is declared"));
        assert!(endpoint.sensitive, "{operation}");
    }
}
