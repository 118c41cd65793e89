//! The expressions of a form (`relevan`, `batasan`) checked against the fields declared before
//! them: references, choice names, function arguments; then every comparison is typed once.

use super::expr::{self, Expr, Func};
use super::load::{Declared, Loader};
use super::model::{Field, Form, Kind};
use crate::diagnostic::suggestion;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

impl Loader<'_> {
    /// Parses an expression and checks every reference and literal against the fields
    /// declared so far.
    pub(super) fn expression(
        &mut self,
        text: &Spanned<String>,
        owner: &str,
        this: &Declared,
        declared: &BTreeMap<String, Declared>,
        is_constraint: bool,
    ) -> Option<Expr> {
        // The expression starts after the opening quote of the TOML string.
        let base = text.span().start + 1;
        let at = |r: &Range<usize>| base + r.start..base + r.end.max(r.start + 1);
        let expr = match expr::parse(text.get_ref()) {
            Ok(e) => e,
            Err(err) => {
                self.error(
                    at(&err.span),
                    format!("ungkapan tidak sah: {}", err.message),
                    err.help,
                );
                return None;
            }
        };
        let mut ok = true;
        let key = if is_constraint { "batasan" } else { "relevan" };
        expr.walk(&mut |node| match node {
            Expr::Ref { name, span } => {
                if name == owner {
                    let help = if is_constraint {
                        "dalam batasan, nilai isian ini sendiri ditulis `.`".to_string()
                    } else {
                        "relevan isian tidak boleh bergantung pada nilainya sendiri (siklus); rujuk isian sebelumnya".to_string()
                    };
                    self.error(
                        at(span),
                        format!("`{key}` isian `{owner}` merujuk ke dirinya sendiri"),
                        help,
                    );
                    ok = false;
                    return;
                }
                match declared.get(name) {
                    None if self.all_names.contains(name) => {
                        self.error(
                            at(span),
                            format!("`{key}` isian `{owner}` merujuk ke `{name}`, yang muncul sesudahnya"),
                            "ungkapan hanya boleh merujuk isian sebelumnya (tanpa siklus); pindahkan isian itu ke atas",
                        );
                        ok = false;
                    }
                    None => {
                        let known: Vec<&str> = self.all_names.iter().map(String::as_str).collect();
                        let help = format!(
                            "rujuk isian yang muncul sebelumnya; {}",
                            suggestion(name, known.iter().copied(), "isian")
                        );
                        self.error(
                            at(span),
                            format!("isian `{name}` tidak ada dalam formulir ini"),
                            help,
                        );
                        ok = false;
                    }
                    Some(target) => {
                        if target.repeat.is_some() && target.repeat != this.repeat {
                            self.error(
                                at(span),
                                format!(
                                    "`{name}` ada di dalam tabel (repeat) `{}`; dari luar baris tabel itu nilainya tidak tunggal",
                                    target.repeat.as_deref().unwrap_or("")
                                ),
                                "rujuk isian tabel hanya dari isian lain di baris yang sama",
                            );
                            ok = false;
                        } else if matches!(target.kind.as_str(), "note" | "group" | "repeat") {
                            self.error(
                                at(span),
                                format!("`{name}` berjenis {} dan tidak mempunyai nilai", target.kind),
                                "rujuk isian yang diisi pengguna",
                            );
                            ok = false;
                        }
                    }
                }
            }
            Expr::Current { span } if !is_constraint => {
                self.error(
                    at(span),
                    "`.` hanya berlaku dalam batasan",
                    "dalam relevan, rujuk isian sebelumnya dengan ${nama}",
                );
                ok = false;
            }
            Expr::Call { func, args, span } => {
                let target = |a: &Expr| -> Option<(String, Option<String>, String)> {
                    match a {
                        Expr::Ref { name, .. } => declared
                            .get(name)
                            .map(|d| (d.kind.clone(), d.list.clone(), d.label.clone())),
                        Expr::Current { .. } => Some((
                            this.kind.clone(),
                            this.list.clone(),
                            this.label.clone(),
                        )),
                        _ => None,
                    }
                };
                match func {
                    Func::Selected => {
                        let Some((kind, list, _)) = args.first().and_then(target) else {
                            if !matches!(args.first(), Some(Expr::Ref { .. })) {
                                self.error(
                                    at(span),
                                    "argumen pertama selected() harus isian pilihan",
                                    "tulis selected(${nama_isian}, 'pilihan')",
                                );
                                ok = false;
                            }
                            return;
                        };
                        if !kind.starts_with("select_") {
                            self.error(
                                at(span),
                                format!("selected() memerlukan isian pilihan, bukan {kind}"),
                                "pakai selected() hanya untuk select_one atau select_multiple; untuk isian lain pakai =",
                            );
                            ok = false;
                        } else if let (Some(list), Some(Expr::Str { value, span })) = (list, args.get(1)) {
                            ok &= self.check_choice(&list, value, at(span));
                        } else if !matches!(args.get(1), Some(Expr::Str { .. })) {
                            self.error(
                                at(span),
                                "argumen kedua selected() harus nama pilihan dalam tanda kutip",
                                "tulis selected(${nama_isian}, 'pilihan')",
                            );
                            ok = false;
                        }
                    }
                    Func::CountSelected => {
                        if let Some((kind, _, _)) = args.first().and_then(target)
                            && kind != "select_multiple"
                        {
                            self.error(
                                at(span),
                                format!("count-selected() memerlukan isian select_multiple, bukan {kind}"),
                                "hitung pilihan hanya pada isian select_multiple",
                            );
                            ok = false;
                        }
                    }
                    Func::Regex if !matches!(args.get(1), Some(Expr::Str { .. })) => {
                        self.error(
                            at(span),
                            "argumen kedua regex() harus pola dalam tanda kutip",
                            "tulis misalnya regex(., '^[0-9]{16}$')",
                        );
                        ok = false;
                    }
                    _ => {}
                }
            }
            Expr::Cmp { left, right, .. } => {
                // `${x} = 'v'` on a choice field: 'v' must be one of its choices.
                for (a, b) in [(left, right), (right, left)] {
                    let list = match a.as_ref() {
                        Expr::Ref { name, .. } => {
                            declared.get(name).filter(|d| d.kind == "select_one").and_then(|d| d.list.clone())
                        }
                        Expr::Current { .. } if this.kind == "select_one" => this.list.clone(),
                        _ => None,
                    };
                    if let (Some(list), Expr::Str { value, span }) = (list, b.as_ref()) {
                        ok &= self.check_choice(&list, value, at(span));
                    }
                }
            }
            _ => {}
        });
        ok.then_some(expr)
    }

    fn check_choice(&mut self, list: &str, value: &str, span: Range<usize>) -> bool {
        let Some(choices) = self.lists.get(list) else {
            return true; // reported where the list is named
        };
        // '' is "nothing chosen yet", always a valid comparison.
        if value.is_empty() || choices.iter().any(|c| c.name == value) {
            return true;
        }
        let names: Vec<&str> = choices.iter().map(|c| c.name.as_str()).collect();
        let help = format!(
            "tulis nama pilihan, bukan labelnya; {}",
            suggestion(value, names.iter().copied(), "pilihan")
        );
        self.problems.push(self.file.error(
            span,
            format!("`{value}` bukan pilihan dalam daftar `{list}`"),
            help,
        ));
        false
    }
}

/// Decides, once, whether each comparison is numeric: the browser and print just follow.
pub(super) fn resolve_comparisons(form: &mut Form, declared: &BTreeMap<String, Declared>) {
    fn numeric_side(e: &Expr, declared: &BTreeMap<String, Declared>, this: &str) -> bool {
        match e {
            Expr::Num(_) => true,
            Expr::Ref { name, .. } => declared
                .get(name)
                .is_some_and(|d| matches!(d.kind.as_str(), "integer" | "decimal")),
            Expr::Current { .. } => matches!(this, "integer" | "decimal"),
            Expr::Call { func, .. } => {
                matches!(func, Func::CountSelected | Func::StringLength)
            }
            _ => false,
        }
    }
    fn fix(fields: &mut [Field], declared: &BTreeMap<String, Declared>) {
        for field in fields {
            let kind = field.type_name();
            for expr in [&mut field.relevant, &mut field.constraint]
                .into_iter()
                .flatten()
            {
                expr.walk_mut(&mut |node| {
                    if let Expr::Cmp {
                        left,
                        right,
                        numeric,
                        ..
                    } = node
                    {
                        *numeric = numeric_side(left, declared, kind)
                            || numeric_side(right, declared, kind);
                    }
                });
            }
            match &mut field.kind {
                Kind::Group(children) => fix(children, declared),
                Kind::Repeat(r) => fix(&mut r.fields, declared),
                _ => {}
            }
        }
    }
    fix(&mut form.fields, declared);
}
