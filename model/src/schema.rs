//! Test support: validators for the contract's normative JSON Schemas in `contract/`.

use std::path::PathBuf;

use serde_json::Value;

/// The repository's `contract/` folder.
pub fn contract_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../contract")
}

/// Reads a JSON file below the contract folder, e.g. `examples/article.json`.
pub fn read_json(relative: &str) -> Result<Value, String> {
    let path = contract_dir().join(relative);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// A validator for one schema file (e.g. `article.schema.json`), with the others registered so
/// that their relative `$ref`s resolve without any network access.
pub fn validator(schema_file: &str) -> Result<jsonschema::Validator, String> {
    const BASE: &str = "https://contract.broadsheet.invalid/";
    let schema_dir = contract_dir().join("schema");
    let entries =
        std::fs::read_dir(&schema_dir).map_err(|e| format!("{}: {e}", schema_dir.display()))?;
    let mut registry = jsonschema::Registry::new();
    for entry in entries {
        let name = entry.map_err(|e| e.to_string())?.file_name().to_string_lossy().into_owned();
        let contents = read_json(&format!("schema/{name}"))?;
        registry = registry.add(format!("{BASE}{name}"), contents).map_err(|e| e.to_string())?;
    }
    let registry = registry.prepare().map_err(|e| e.to_string())?;
    let schema = serde_json::json!({ "$ref": format!("{BASE}{schema_file}") });
    jsonschema::options()
        .with_registry(&registry)
        // Times must really be RFC 3339: formats are only annotations unless asked for.
        .should_validate_formats(true)
        .build(&schema)
        .map_err(|e| format!("{schema_file}: {e}"))
}

/// Every way `value` breaks the schema, as readable lines; empty when it is valid.
pub fn violations(schema_file: &str, value: &Value) -> Result<Vec<String>, String> {
    let validator = validator(schema_file)?;
    Ok(validator.iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect())
}
