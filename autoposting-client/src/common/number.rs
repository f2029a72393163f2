//! Fractional numbers written back as the API writes them.
//!
//! Amounts of credits, durations and scores are `f64` because they can be fractional
//! (`"totalSpent30d": 2.5`), but the API writes whole ones as integers (`"balance": 450`).
//! serde writes every `f64` with a fraction (`450.0`); fields that use these functions as
//! `serialize_with` write a whole value as an integer instead, so a decoded model encodes
//! back to the JSON it came from.

use serde::Serializer;

/// The largest integer an `f64` holds exactly (2^53).
const EXACT: f64 = 9_007_199_254_740_992.0;

/// Writes `value` as an integer when it is whole (and exact), as a float otherwise.
pub(crate) fn whole_as_integer<S: Serializer>(
    value: &f64,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() <= EXACT {
        // Exact: the value is whole and within ±2^53.
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// [`whole_as_integer`] for an optional field (`None` is written as `null`, or skipped by
/// `skip_serializing_if`).
pub(crate) fn optional_whole_as_integer<S: Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => whole_as_integer(value, serializer),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::json;

    #[derive(Serialize)]
    struct Amounts {
        #[serde(serialize_with = "super::whole_as_integer")]
        a: f64,
        #[serde(serialize_with = "super::optional_whole_as_integer")]
        b: Option<f64>,
    }

    #[test]
    fn whole_values_are_integers_and_others_floats() {
        for (a, b, expected) in [
            (450.0, Some(2.5), json!({"a": 450, "b": 2.5})),
            (-1.0, None, json!({"a": -1, "b": null})),
            (0.1, Some(0.0), json!({"a": 0.1, "b": 0})),
            (
                1e300,
                Some(9_007_199_254_740_992.0),
                json!({"a": 1e300, "b": 9_007_199_254_740_992_i64}),
            ),
        ] {
            assert_eq!(serde_json::to_value(Amounts { a, b }).unwrap(), expected);
        }
    }
}
