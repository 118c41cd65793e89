//! The book's chapters and what is written in them, besides sessions, exercises and forms:
//! front matter and the chapter tree ([`chapters`]), the exercise and form files directives name
//! ([`catalog`]), the directives themselves ([`directive`]), alerts and facilitator notes
//! ([`admonition`]), the modul's outline markers ([`lists`]), the corrections made to the
//! source texts ([`corrections`]) and supporting readings ([`reading`]).

pub(crate) mod admonition;
pub(crate) mod catalog;
pub(crate) mod chapters;
pub mod corrections;
pub(crate) mod directive;
pub(crate) mod html;
pub(crate) mod inputs;
pub(crate) mod lists;
pub(crate) mod reading;

/// Lowercase ASCII letters, digits and single hyphens: ids that are safe in URLs and HTML
/// (file names of exercises and forms, programme items, scenario nodes, cases).
pub(crate) fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::is_slug;

    #[test]
    fn slugs() {
        assert!(is_slug("studi-kasus") && is_slug("1-4"));
        assert!(!is_slug("Studi") && !is_slug("a--b") && !is_slug("-a") && !is_slug(""));
    }
}
