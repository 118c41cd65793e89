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
    let all = serde_json::json!([body.kind(), title, intro, scored]);
    sha256_hex(all.to_string().as_bytes())[..12].to_string()
}
