//! The evaluation set's queries (`data/eval/queries.tsv`: category, query,
//! expected id or empty for an absent name), shared by the `eval` and
//! `phonetic` examples.

use std::path::PathBuf;

/// One query of the evaluation set.
pub struct Query {
    pub category: String,
    pub text: String,
    /// `None` for a name that is not in the dictionary.
    pub expected: Option<String>,
}

/// Reads the queries file; a malformed line is an error naming it.
pub fn read_queries(path: &PathBuf) -> Result<Vec<Query>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') || (i == 0 && line.starts_with("category\t")) {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 3 || cols[0].is_empty() || cols[1].is_empty() {
            return Err(format!(
                "{}:{}: expected category<TAB>query<TAB>expected_id",
                path.display(),
                i + 1
            ));
        }
        out.push(Query {
            category: cols[0].to_string(),
            text: cols[1].to_string(),
            expected: (!cols[2].is_empty()).then(|| cols[2].to_string()),
        });
    }
    Ok(out)
}
