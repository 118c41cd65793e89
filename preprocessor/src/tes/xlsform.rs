//! The test as an XLSForm (`tes-pengetahuan.xlsx`), so a trainer can run it for a whole class
//! on KoboToolbox or ODK Collect: one question per item (the same order, letters and options as
//! the booklet), a `calculate` per item (1 when exactly the key is chosen, as `tes.js` scores)
//! and the total score and mark, which the server shows per participant. Deterministic bytes.

use super::model::{Bank, letter};

const SURVEY: &[&str] = &[
    "type",
    "name",
    "label",
    "hint",
    "required",
    "calculation",
    "appearance",
];

/// Field name of item `n` (1-based): `butir_01`.
fn name(n: usize) -> String {
    format!("butir_{n:02}")
}

fn survey(bank: &Bank) -> Vec<Vec<String>> {
    let row = |cells: &[&str]| -> Vec<String> { cells.iter().map(|c| c.to_string()).collect() };
    let mut rows = vec![
        row(&["text", "nama", "Nama peserta", "", "yes", "", ""]),
        row(&["text", "panti", "Panti atau instansi", "", "", "", ""]),
        row(&[
            "select_one jenis_tes",
            "jenis_tes",
            "Tes",
            "",
            "yes",
            "",
            "",
        ]),
    ];
    for (i, item) in bank.items.iter().enumerate() {
        let n = i + 1;
        let label = match &item.case {
            Some(case) => format!("{n}. {case} {}", item.question),
            None => format!("{n}. {}", item.question),
        };
        let (kind, hint) = if item.multiple {
            (
                format!("select_multiple {}", name(n)),
                "Pilih semua jawaban yang benar.",
            )
        } else {
            (format!("select_one {}", name(n)), "")
        };
        rows.push(row(&[&kind, &name(n), &label, hint, "", "", ""]));
    }
    for (i, item) in bank.items.iter().enumerate() {
        let n = i + 1;
        let field = format!("${{{}}}", name(n));
        let key = item.key();
        let condition = if item.multiple {
            item.choices
                .iter()
                .enumerate()
                .map(|(c, _)| {
                    let test = format!("selected({field}, '{}')", letter(c).to_ascii_lowercase());
                    if key.contains(&c) {
                        test
                    } else {
                        format!("not({test})")
                    }
                })
                .collect::<Vec<_>>()
                .join(" and ")
        } else {
            let k = key.first().copied().unwrap_or(0);
            format!("{field} = '{}'", letter(k).to_ascii_lowercase())
        };
        rows.push(row(&[
            "calculate",
            &format!("skor_{n:02}"),
            "",
            "",
            "",
            &format!("if({condition}, 1, 0)"),
            "",
        ]));
    }
    let total = (1..=bank.items.len())
        .map(|n| format!("${{skor_{n:02}}}"))
        .collect::<Vec<_>>()
        .join(" + ");
    rows.push(row(&["calculate", "skor", "", "", "", &total, ""]));
    rows.push(row(&[
        "calculate",
        "nilai",
        "",
        "",
        "",
        &format!("round(${{skor}} * 100 div {}, 0)", bank.items.len().max(1)),
        "",
    ]));
    rows
}

fn choices(bank: &Bank) -> Vec<Vec<String>> {
    let mut rows = vec![
        vec!["jenis_tes".into(), "awal".into(), "Tes awal".into()],
        vec!["jenis_tes".into(), "akhir".into(), "Tes akhir".into()],
    ];
    for (i, item) in bank.items.iter().enumerate() {
        for (c, choice) in item.choices.iter().enumerate() {
            rows.push(vec![
                name(i + 1),
                letter(c).to_ascii_lowercase().to_string(),
                format!("{}. {}", letter(c), choice.text),
            ]);
        }
    }
    rows
}

/// The workbook's bytes.
pub(crate) fn workbook(bank: &Bank) -> Result<Vec<u8>, String> {
    crate::form::xlsform::write_workbook(&crate::form::xlsform::Sheets {
        document_title: &bank.title,
        title: &bank.title,
        id: "tes-pengetahuan",
        version: &bank.hash,
        survey_columns: SURVEY,
        survey: survey(bank),
        choices: choices(bank),
    })
    .map_err(|e| format!("XLSForm tes-pengetahuan: {e}"))
}
