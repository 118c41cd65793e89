//! The glossary page (`{{#istilah}}`): entries grouped by initial letter, each with where it
//! is taught.

use super::{Glossary, Term};
use crate::render::{Renderer, relative_link};
use crate::session::Session;
use serde::Serialize;
use std::path::Path;

/// For the glossary page template.
#[derive(Debug, Serialize)]
pub(crate) struct TermView<'a> {
    #[serde(flatten)]
    pub(crate) term: &'a Term,
    pub(crate) taught: Option<String>,
    pub(crate) link: Option<String>,
}

/// Glossary entries grouped by initial letter, for the page.
pub(crate) fn view<'a>(
    glossary: &'a Glossary,
    sessions: &[Session],
    page: &Path,
) -> Vec<(String, Vec<TermView<'a>>)> {
    let mut sorted: Vec<&Term> = glossary.terms.iter().collect();
    sorted.sort_by_key(|t| t.term.to_lowercase());
    let mut groups: Vec<(String, Vec<TermView>)> = Vec::new();
    for term in sorted {
        let letter = term
            .term
            .chars()
            .next()
            .map(|c| c.to_uppercase().to_string())
            .unwrap_or_default();
        let taught = glossary.taught_in(term, sessions);
        let view = TermView {
            term,
            taught: taught.as_ref().map(|(label, _)| label.clone()),
            link: taught.map(|(_, p)| relative_link(page, p)),
        };
        match groups.last_mut() {
            Some((l, items)) if *l == letter => items.push(view),
            _ => groups.push((letter, vec![view])),
        }
    }
    groups
}

/// The glossary page's entries.
pub(crate) fn glossary_html(
    glossary: &Glossary,
    sessions: &[Session],
    page: &Path,
    renderer: &Renderer,
) -> Result<String, String> {
    #[derive(Serialize)]
    struct PageView<'a> {
        groups: Vec<(String, Vec<TermView<'a>>)>,
        count: usize,
    }
    let groups = view(glossary, sessions, page);
    let html = renderer.render(
        "istilah.html",
        PageView {
            groups,
            count: glossary.terms.len(),
        },
    )?;
    Ok(format!("\n{html}\n"))
}
