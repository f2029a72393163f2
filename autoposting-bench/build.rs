//! Generates the progenitor client of row 4 from the crate's copy of the API's
//! `getAgentRun` description, and extracts the documented example response the benchmark
//! server sends.
//!
//! progenitor reads OpenAPI 3.0 (through the `openapiv3` crate); the description is 3.1.
//! The only 3.1 construct in it is a nullable type written `type: [string, 'null']`, which
//! is rewritten to its 3.0 spelling `type: string, nullable: true` before generation.

use std::path::PathBuf;

use serde_json::Value;

const SPEC: &str = "openapi-getAgentRun.yaml";

fn main() {
    println!("cargo:rerun-if-changed={SPEC}");
    let text = std::fs::read_to_string(SPEC).expect("the spec copy is readable");
    let mut spec: Value = serde_yaml::from_str(&text).expect("the spec is YAML");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    // Read through serde_yaml's own `Value`, which keeps the keys in the documented order
    // (`success` before `data`, as the API writes them); serde_json's map would sort them.
    let ordered: serde_yaml::Value = serde_yaml::from_str(&text).expect("the spec is YAML");
    let example = &ordered["paths"]["/agents/{agentId}/runs/{runId}"]["get"]["responses"]["200"]["content"]
        ["application/json"]["example"];
    assert!(
        !example.is_null(),
        "the spec documents an example 200 response"
    );
    let example = serde_json::to_string(example).expect("YAML values serialize as JSON");
    assert!(
        example.starts_with(r#"{"success":true,"data":{"id":"#),
        "the example keeps its documented order: {example}"
    );
    std::fs::write(out.join("example.json"), example).expect("OUT_DIR is writable");

    let rewritten = to_openapi_30(&mut spec);
    assert!(
        rewritten > 0,
        "expected nullable 3.1 types to rewrite; has the spec changed?"
    );
    spec["openapi"] = Value::from("3.0.3");
    let spec: openapiv3::OpenAPI =
        serde_json::from_value(spec).expect("the rewritten spec is OpenAPI 3.0");
    let mut generator = progenitor::Generator::default();
    let tokens = generator
        .generate_tokens(&spec)
        .expect("progenitor generates a client");
    std::fs::write(out.join("progenitor.rs"), tokens.to_string()).expect("OUT_DIR is writable");
}

/// Rewrites every `type: [T, 'null']` to `type: T, nullable: true`; returns how many.
fn to_openapi_30(value: &mut Value) -> usize {
    let mut count = 0;
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get("type") {
                let others: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
                if others.len() == 1 && types.len() == 2 {
                    map.insert("type".into(), others[0].clone());
                    map.insert("nullable".into(), Value::Bool(true));
                    count += 1;
                }
            }
            for child in map.values_mut() {
                count += to_openapi_30(child);
            }
        }
        Value::Array(items) => {
            for child in items {
                count += to_openapi_30(child);
            }
        }
        _ => {}
    }
    count
}
