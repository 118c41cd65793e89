//! Content hashes: progress stays valid until what is scored changes. (The order options,
//! steps and pairs are shown in is `order.rs`.)

use super::model::Body;
use sha2::{Digest, Sha256};

fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Covers what the learner sees and answers and how it is scored; not feedback wording or the
/// facilitator's note, so fixing a typo there keeps everyone's progress current.
pub(super) fn content_hash(title: &str, intro: Option<&str>, body: &Body) -> String {
    let scored = match body {
        Body::SingleChoice { question, options } | Body::MultipleChoice { question, options } => {
            serde_json::json!([
                question,
                options
                    .iter()
                    .map(|o| (&o.text, o.correct))
                    .collect::<Vec<_>>()
            ])
        }
        Body::TrueFalse {
            question,
            statements,
        } => serde_json::json!([
            question,
            statements
                .iter()
                .map(|o| (&o.text, o.correct))
                .collect::<Vec<_>>()
        ]),
        Body::Ordering {
            question, steps, ..
        } => serde_json::json!([question, steps]),
        Body::Matching { question, pairs } => serde_json::json!([
            question,
            pairs
                .iter()
                .map(|p| (&p.left, &p.right))
                .collect::<Vec<_>>()
        ]),
        Body::ShortAnswer {
            question, answers, ..
        } => serde_json::json!([question, answers]),
        Body::Scenario { start, nodes } => serde_json::json!([
            start,
            nodes
                .iter()
                .map(|n| serde_json::json!([
                    n.id,
                    n.situation,
                    n.ending,
                    n.choices
                        .iter()
                        .map(|c| (&c.text, &c.next))
                        .collect::<Vec<_>>()
                ]))
                .collect::<Vec<_>>()
        ]),
        Body::Reflection { question, .. } => serde_json::json!([question]),
        Body::FormFilling {
            form,
            question,
            model,
            ..
        } => serde_json::json!([form, question, model]),
    };
    let mut all = serde_json::json!([body.kind(), title, intro, scored]);
    tidy_strings(&mut all);
    sha256_hex(all.to_string().as_bytes())[..12].to_string()
}

/// Line endings and trailing blanks are not content: a checkout that turns LF into CRLF, or an
/// editor that leaves spaces at line ends, must not mark anyone's progress outdated. Text
/// with LF endings and no trailing blanks is unchanged, so the hashes of such files are the
/// same as before this rule.
fn tidy_strings(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) => {
            if let Some(tidied) = tidy(text) {
                *text = tidied;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(tidy_strings),
        serde_json::Value::Object(map) => map.values_mut().for_each(tidy_strings),
        _ => {}
    }
}

/// `text` with LF line endings and no blanks before a line break, when that differs from it.
fn tidy(text: &str) -> Option<String> {
    if !text.contains('\r') && !text.contains(" \n") && !text.contains("\t\n") {
        return None;
    }
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = unified.split('\n').collect();
    let last = lines.len() - 1;
    for line in &mut lines[..last] {
        *line = line.trim_end_matches([' ', '\t']);
    }
    Some(lines.join("\n"))
}

/// A fixed shuffle of `0..n` from the exercise id and a salt: the same order on every build
/// and device, never the identity (a list shown already in order would be no exercise).
pub(crate) fn shuffled(id: &str, salt: &str, n: usize) -> Vec<usize> {
    let mut order: Vec<(String, usize)> = (0..n)
        .map(|i| (sha256_hex(format!("{id}\u{0}{salt}\u{0}{i}").as_bytes()), i))
        .collect();
    order.sort();
    let mut order: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
    if n > 1 && order.iter().enumerate().all(|(at, &i)| at == i) {
        order.rotate_left(1);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn line_endings_and_trailing_blanks_are_not_content() {
        assert_eq!(
            tidy("satu\r\ndua \r\ntiga\t\nempat"),
            Some("satu\ndua\ntiga\nempat".into())
        );
        assert_eq!(tidy("satu\rdua"), Some("satu\ndua".into()));
        // LF text without trailing blanks is left as it is, so its hash does not move.
        assert_eq!(tidy("satu\ndua  "), None);
        assert_eq!(tidy("satu\ndua\n"), None);
    }
}
