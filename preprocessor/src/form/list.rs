//! Forms as listed: the Formulir page (`{{#daftar-formulir}}`) and the links on session cards,
//! with the path of each form's XLSForm download.

use super::model::Form;
use super::stage::STAGES;
use crate::render::{Renderer, relative_link};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the XLSForm export of a form is written, relative to the site root.
pub(crate) fn xlsx_path(id: &str) -> PathBuf {
    PathBuf::from("formulir").join(format!("{id}.xlsx"))
}

/// Link from a chapter's page to a form's XLSForm file.
pub(crate) fn xlsx_link(from: &Path, id: &str) -> String {
    let depth = from.parent().map_or(0, |p| p.components().count());
    format!(
        "{}{}",
        "../".repeat(depth),
        xlsx_path(id).to_string_lossy().replace('\\', "/")
    )
}

/// A form as listed on session cards and on the Formulir page.
#[derive(Serialize)]
pub(crate) struct FormLinkView {
    id: String,
    /// "Formulir 2: Asesmen" for the modul's numbered forms, else the title.
    title: String,
    version: u32,
    /// The form's page, relative to the page showing the list.
    link: String,
    /// The XLSForm download, relative to the page showing the list.
    xlsx: String,
    /// Codes of the sessions that use the form.
    sessions: Vec<String>,
}

fn form_title(form: &Form) -> String {
    match &form.code {
        Some(code) => format!("{code}: {}", form.title),
        None => form.title.clone(),
    }
}

/// What the lists need to know about the book's forms.
pub(crate) struct Forms<'a> {
    pub(crate) forms: &'a BTreeMap<String, Form>,
    /// Each form's page: its `halaman`, else the first chapter embedding it.
    pub(crate) pages: &'a BTreeMap<String, PathBuf>,
    /// A session code's place in the programme ("1-2" before "1-10"); unknown codes last.
    pub(crate) session_order: &'a dyn Fn(&str) -> (u32, u32),
}

impl Forms<'_> {
    /// Forms in reading order: the modul's numbered forms, then by the first session using them.
    fn in_order(&self) -> Vec<&Form> {
        let mut forms: Vec<&Form> = self.forms.values().collect();
        forms.sort_by_key(|f| {
            let number = f
                .code
                .as_deref()
                .and_then(|c| c.rsplit(' ').next())
                .and_then(|n| n.parse::<u32>().ok());
            let first = f.sessions.iter().map(|c| (self.session_order)(c)).min();
            (number.is_none(), number, first, f.title.clone())
        });
        forms
    }

    /// The forms shown on the page `from`: every form, or only those of one session.
    pub(crate) fn links(&self, from: &Path, only_session: Option<&str>) -> Vec<FormLinkView> {
        self.in_order()
            .into_iter()
            .filter(|f| only_session.is_none_or(|code| f.sessions.iter().any(|c| c == code)))
            .filter_map(|f| {
                let page = self.pages.get(&f.id)?;
                Some(FormLinkView {
                    id: f.id.clone(),
                    title: form_title(f),
                    version: f.version,
                    link: relative_link(from, page),
                    xlsx: xlsx_link(from, &f.id),
                    sessions: f.sessions.clone(),
                })
            })
            .collect()
    }

    /// The Formulir page: every form of the book (`{{#daftar-formulir}}`).
    pub(crate) fn list_html(&self, from: &Path, renderer: &Renderer) -> Result<String, String> {
        #[derive(Serialize)]
        struct ListView {
            forms: Vec<FormLinkView>,
        }
        let forms = self.links(from, None);
        renderer.render("daftar-formulir.html", ListView { forms })
    }
}

/// `data-tahap` of the Berkas Klien page, read by `modul-berkas.js`: the service stages in
/// order, each with its forms.
#[derive(Serialize)]
struct ClientFileData {
    stages: Vec<StageData>,
}

/// One stage of [`STAGES`] with the book's forms in it.
#[derive(Serialize)]
struct StageData {
    /// `tahap` in the form files.
    id: &'static str,
    /// Heading on the page.
    label: &'static str,
    forms: Vec<StageForm>,
}

#[derive(Serialize)]
struct StageForm {
    id: String,
    title: String,
    /// The form's page, relative to the Berkas Klien page.
    link: String,
    /// A client in this stage or later needs a record of this form (`tahap_wajib`).
    required: bool,
}

impl Forms<'_> {
    /// The Berkas Klien page (`{{#berkas-klien}}`): the stages with their forms; without the
    /// script it is an index of the forms by stage.
    pub(crate) fn client_file_html(
        &self,
        from: &Path,
        renderer: &Renderer,
    ) -> Result<String, String> {
        let forms = self.in_order();
        let stages: Vec<StageData> = STAGES
            .iter()
            .map(|stage| StageData {
                id: stage.id,
                label: stage.label,
                forms: forms
                    .iter()
                    .filter_map(|f| {
                        let (id, required) = f.stage?;
                        let page = self.pages.get(&f.id)?;
                        (id == stage.id).then(|| StageForm {
                            id: f.id.clone(),
                            title: form_title(f),
                            link: relative_link(from, page),
                            required,
                        })
                    })
                    .collect(),
            })
            .collect();
        #[derive(Serialize)]
        struct View<'a> {
            stages: &'a [StageData],
            data: String,
        }
        let data = ClientFileData { stages };
        let json = serde_json::to_string(&data).map_err(|e| e.to_string())?;
        renderer.render(
            "berkas-klien.html",
            View {
                stages: &data.stages,
                data: json,
            },
        )
    }
}
