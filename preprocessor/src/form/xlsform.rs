//! XLSForm export: one `.xlsx` per form, for ODK, KoboToolbox and Enketo.
//!
//! The workbook has the three sheets of the XLSForm standard (`survey`, `choices`,
//! `settings`). Files are deterministic: a fixed creation date, and the zip writer of
//! rust_xlsxwriter uses fixed timestamps.

use super::model::{Field, Form, Kind};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

const SURVEY_COLUMNS: &[&str] = &[
    "type",
    "name",
    "label",
    "hint",
    "required",
    "relevant",
    "constraint",
    "constraint_message",
    "appearance",
    "repeat_count",
    "parameters",
];

/// One row of the `survey` sheet, by column.
type Row = [String; 11];

fn rows(fields: &[Field], out: &mut Vec<Row>) {
    for field in fields {
        let mut row: Row = Default::default();
        let (kind, appearance) = match &field.kind {
            Kind::Text => ("text".to_string(), ""),
            Kind::Textarea => ("text".to_string(), "multiline"),
            Kind::Integer => ("integer".to_string(), ""),
            Kind::Decimal => ("decimal".to_string(), ""),
            Kind::Date => ("date".to_string(), ""),
            Kind::SelectOne(list) => (format!("select_one {list}"), ""),
            Kind::SelectMultiple(list) => (format!("select_multiple {list}"), ""),
            Kind::Note => ("note".to_string(), ""),
            Kind::Signature => ("image".to_string(), "signature"),
            Kind::Group(_) => ("begin_group".to_string(), "field-list"),
            Kind::Repeat(_) => ("begin_repeat".to_string(), ""),
        };
        row[0] = kind;
        row[1] = field.name.clone();
        row[2] = match &field.unit {
            Some(unit) => format!("{} ({unit})", field.label),
            None => field.label.clone(),
        };
        row[3] = field.hint.clone().unwrap_or_default();
        row[4] = if field.required {
            "yes".into()
        } else {
            String::new()
        };
        row[5] = field
            .relevant
            .as_ref()
            .map(|e| e.to_xpath())
            .unwrap_or_default();
        row[6] = field
            .constraint
            .as_ref()
            .map(|e| e.to_xpath())
            .unwrap_or_default();
        row[7] = field.constraint_message.clone().unwrap_or_default();
        row[8] = appearance.to_string();
        if matches!(field.kind, Kind::Signature) {
            // A signature needs no photo resolution; small files are sent faster.
            row[10] = "max-pixels=1024".into();
        }
        match &field.kind {
            Kind::Group(children) => {
                out.push(row);
                rows(children, out);
                let mut end: Row = Default::default();
                end[0] = "end_group".into();
                end[1] = field.name.clone();
                out.push(end);
            }
            Kind::Repeat(repeat) => {
                if !repeat.row_labels.is_empty() {
                    row[9] = repeat.row_labels.len().to_string();
                    row[3] = [row[3].as_str(), &repeat.row_labels.join(", ")]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" — ");
                }
                out.push(row);
                rows(&repeat.fields, out);
                let mut end: Row = Default::default();
                end[0] = "end_repeat".into();
                end[1] = field.name.clone();
                out.push(end);
            }
            _ => out.push(row),
        }
    }
}

fn write_table(
    sheet: &mut Worksheet,
    header: &[&str],
    body: &[Vec<String>],
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (col, name) in header.iter().enumerate() {
        sheet.write_string_with_format(0, u16::try_from(col).unwrap_or(u16::MAX), *name, &bold)?;
    }
    for (r, row) in body.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(
                    u32::try_from(r + 1).unwrap_or(u32::MAX),
                    u16::try_from(c).unwrap_or(u16::MAX),
                    value,
                )?;
            }
        }
    }
    Ok(())
}

/// The sheets of an XLSForm workbook (forms and the knowledge test alike).
pub(crate) struct Sheets<'a> {
    /// The workbook's document title.
    pub(crate) document_title: &'a str,
    /// The `form_title` setting.
    pub(crate) title: &'a str,
    pub(crate) id: &'a str,
    pub(crate) version: &'a str,
    pub(crate) survey_columns: &'a [&'a str],
    pub(crate) survey: Vec<Vec<String>>,
    /// Rows of `list_name`, `name`, `label`.
    pub(crate) choices: Vec<Vec<String>>,
}

/// The workbook's bytes: survey, choices and settings sheets.
pub(crate) fn write_workbook(sheets: &Sheets<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed date (the modul's own): the same source always gives the same bytes.
    let date = ExcelDateTime::from_ymd(2011, 3, 8)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(sheets.document_title)
            .set_creation_datetime(&date),
    );
    let sheet = book.add_worksheet();
    sheet.set_name("survey")?;
    write_table(sheet, sheets.survey_columns, &sheets.survey)?;
    let sheet = book.add_worksheet();
    sheet.set_name("choices")?;
    write_table(sheet, &["list_name", "name", "label"], &sheets.choices)?;
    let sheet = book.add_worksheet();
    sheet.set_name("settings")?;
    write_table(
        sheet,
        &["form_title", "form_id", "version", "default_language"],
        &[vec![
            sheets.title.to_string(),
            sheets.id.to_string(),
            sheets.version.to_string(),
            "Indonesian (id)".to_string(),
        ]],
    )?;
    book.save_to_buffer()
}

/// The XLSForm workbook of a form, as bytes.
pub(crate) fn workbook(form: &Form) -> Result<Vec<u8>, String> {
    let mut survey = Vec::new();
    rows(&form.fields, &mut survey);
    let choices: Vec<Vec<String>> = form
        .lists
        .iter()
        .flat_map(|(list, choices)| {
            choices
                .iter()
                .map(move |c| vec![list.clone(), c.name.clone(), c.label.clone()])
        })
        .collect();
    // The settings title carries the modul's form code; the document title is the form's.
    let title = match &form.code {
        Some(code) => format!("{code}: {}", form.title),
        None => form.title.clone(),
    };
    write_workbook(&Sheets {
        document_title: &form.title,
        title: &title,
        id: &form.id,
        version: &form.version.to_string(),
        survey_columns: SURVEY_COLUMNS,
        survey: survey.into_iter().map(Vec::from).collect(),
        choices,
    })
    .map_err(|e| format!("XLSForm {}: {e}", form.id))
}
