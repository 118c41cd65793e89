//! The model of the whole book: everything the preprocessor learned from the sources, loaded
//! and validated, before anything is rendered. `modul check` stops here; every output derives
//! from it. Each field is one domain's model (see the domain modules); a new kind of data is a
//! new field here, loaded in [`crate::preprocess`].

use crate::content::catalog::Catalog;
use crate::content::corrections::Corrections;
use crate::content::reading::Reading;
use crate::exercise::{Case, Exercise};
use crate::form::Form;
use crate::form::list::Forms;
use crate::glossary::Glossary;
use crate::guide::Guide;
use crate::session::{Program, Session};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Everything the preprocessor learned from the book's sources.
#[derive(Debug, Default)]
pub struct Model {
    pub(crate) program: Option<Program>,
    /// The exercise files, by id (`exercises/`).
    pub(crate) exercises: Catalog,
    /// The form files, by id (`forms/`).
    pub(crate) forms: Catalog,
    /// The parsed forms, by id.
    pub(crate) form_defs: BTreeMap<String, Form>,
    /// Every chapter that embeds each form, in book order.
    pub(crate) form_embeds: BTreeMap<String, Vec<PathBuf>>,
    /// Each form's page in links and lists: its `halaman`, else the first chapter embedding it.
    pub(crate) form_pages: BTreeMap<String, PathBuf>,
    /// In book order (the order of SUMMARY.md).
    pub(crate) sessions: Vec<Session>,
    pub(crate) glossary: Glossary,
    /// The chapter holding `{{#istilah}}`: where term links point.
    pub(crate) glossary_page: Option<PathBuf>,
    pub(crate) corrections: Corrections,
    /// Supporting readings, in book order.
    pub(crate) readings: Vec<Reading>,
    /// Chapter titles as in SUMMARY.md, for generated links.
    pub(crate) chapter_names: BTreeMap<PathBuf, String>,
    /// Exercises, validated, by id.
    pub exercise_data: BTreeMap<String, Exercise>,
    /// Longitudinal cases (`exercises/kasus.toml`).
    pub(crate) cases: Vec<Case>,
    /// Every exercise in book order, with the chapter that shows it.
    pub(crate) exercise_order: Vec<(String, PathBuf)>,
    /// The chapter holding `{{#kemajuan}}`.
    pub(crate) progress_page: Option<PathBuf>,
    /// Session plans (`data/panduan/`), in session order.
    pub(crate) guides: Vec<Guide>,
    /// The knowledge test's bank (`tes.toml`), when the book has one.
    pub(crate) test: Option<crate::tes::Bank>,
    /// The pages holding `{{#tes awal}}` and `{{#tes akhir}}`.
    pub(crate) test_pages: (Option<PathBuf>, Option<PathBuf>),
    /// The book's title (`book.toml`): where a page cites it, no term link goes inside.
    pub(crate) book_title: Option<String>,
}

impl Model {
    /// Sessions found (for `modul check`'s summary).
    pub fn session_count(&self) -> usize {
        self.sessions.len()
    }

    /// Exercise files found.
    pub fn exercise_count(&self) -> usize {
        self.exercises.entries.len()
    }

    /// What the exercises measure and where their keys are shown (`modul check`'s summary,
    /// the answer key page; issue 13's bars in `exercise::BARS`).
    pub fn exercise_figures(&self) -> crate::exercise::Figures {
        crate::exercise::Figures::of(self.exercise_data.values())
    }

    /// Form files found.
    pub fn form_count(&self) -> usize {
        self.forms.entries.len()
    }

    /// Sessions in programme order: "1-2" before "1-10".
    pub fn sessions_in_order(&self) -> Vec<&Session> {
        crate::session::in_order(&self.sessions)
    }

    /// A session code's place in the programme; codes of no session last.
    pub(crate) fn session_order(&self, code: &str) -> (u32, u32) {
        self.sessions
            .iter()
            .find(|s| s.code == code)
            .map_or((u32::MAX, u32::MAX), |s| s.order_key())
    }

    /// The book's forms as lists and session cards show them.
    pub(crate) fn form_list<'a>(
        &'a self,
        session_order: &'a dyn Fn(&str) -> (u32, u32),
    ) -> Forms<'a> {
        Forms {
            forms: &self.form_defs,
            pages: &self.form_pages,
            session_order,
        }
    }

    /// What the exercise pages need to know about the book.
    pub(crate) fn exercise_book(&self) -> crate::exercise::html::Book<'_> {
        crate::exercise::html::Book {
            sessions: &self.sessions,
            cases: &self.cases,
            forms: &self.form_defs,
            form_pages: &self.form_pages,
            exercises: &self.exercise_data,
            order: &self.exercise_order,
        }
    }
}
