//! The expressions of a form (`relevan`, `batasan`) checked against the fields declared before
//! them: references, choice names, function arguments; then every comparison is typed once.

use super::expr::{self, Expr, Func};
use super::load::{Declared, Loader};
use super::model::{Field, Form, Kind};
use crate::diagnostic::suggestion;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// One expression being checked: whose it is and what it may refer to.
struct Scope<'s> {
    /// The field the expression belongs to.
    owner: &'s str,
    this: &'s Declared,
    /// The fields declared before it.
    declared: &'s BTreeMap<String, Declared>,
    is_constraint: bool,
    /// Where the expression starts in the file (after the opening quote of the TOML string).
    base: usize,
}

impl Scope<'_> {
    /// A span of the expression as a span of the file (at least one character wide).
    fn at(&self, r: &Range<usize>) -> Range<usize> {
        self.base + r.start..self.base + r.end.max(r.start + 1)
    }

    fn key(&self) -> &'static str {
        if self.is_constraint {
            "batasan"
        } else {
            "relevan"
        }
    }

    /// The type and choice list of the field an argument names (`${x}` or `.`).
    fn target(&self, arg: &Expr) -> Option<(String, Option<String>)> {
        match arg {
            Expr::Ref { name, .. } => self
                .declared
                .get(name)
                .map(|d| (d.kind.clone(), d.list.clone())),
            Expr::Current { .. } => Some((self.this.kind.clone(), self.this.list.clone())),
            _ => None,
        }
    }
}

impl Loader<'_> {
    /// Parses an expression and checks every reference and literal against the fields
    /// declared so far; `None` when anything is wrong (each problem is reported).
    pub(super) fn expression(
        &mut self,
        text: &Spanned<String>,
        owner: &str,
        this: &Declared,
        declared: &BTreeMap<String, Declared>,
        is_constraint: bool,
    ) -> Option<Expr> {
        let scope = Scope {
            owner,
            this,
            declared,
            is_constraint,
            base: text.span().start + 1,
        };
        let expr = match expr::parse(text.get_ref()) {
            Ok(e) => e,
            Err(err) => {
                self.error(
                    scope.at(&err.span),
                    format!("ungkapan tidak sah: {}", err.message),
                    err.help,
                );
                return None;
            }
        };
        let mut nodes = Vec::new();
        expr.walk(&mut |node| nodes.push(node));
        let mut ok = true;
        for node in nodes {
            ok &= match node {
                Expr::Ref { name, span } => self.check_ref(&scope, name, span),
                Expr::Current { span } if !is_constraint => {
                    self.error(
                        scope.at(span),
                        "`.` hanya berlaku dalam batasan",
                        "dalam relevan, rujuk isian sebelumnya dengan ${nama}",
                    );
                    false
                }
                Expr::Call { func, args, span } => self.check_call(&scope, *func, args, span),
                Expr::Cmp { left, right, .. } => self.check_comparison(&scope, left, right),
                _ => true,
            };
        }
        ok.then_some(expr)
    }

    /// `${name}`: a field declared before this one, outside any other table, with a value.
    fn check_ref(&mut self, scope: &Scope, name: &str, span: &Range<usize>) -> bool {
        let (key, owner) = (scope.key(), scope.owner);
        if name == owner {
            let help = if scope.is_constraint {
                "dalam batasan, nilai isian ini sendiri ditulis `.`"
            } else {
                "relevan isian tidak boleh bergantung pada nilainya sendiri (siklus); rujuk isian sebelumnya"
            };
            self.error(
                scope.at(span),
                format!("`{key}` isian `{owner}` merujuk ke dirinya sendiri"),
                help,
            );
            return false;
        }
        match scope.declared.get(name) {
            None if self.all_names.contains(name) => {
                self.error(
                    scope.at(span),
                    format!("`{key}` isian `{owner}` merujuk ke `{name}`, yang muncul sesudahnya"),
                    "ungkapan hanya boleh merujuk isian sebelumnya (tanpa siklus); pindahkan isian itu ke atas",
                );
                false
            }
            None => {
                let known: Vec<&str> = self.all_names.iter().map(String::as_str).collect();
                let help = format!(
                    "rujuk isian yang muncul sebelumnya; {}",
                    suggestion(name, known.iter().copied(), "isian")
                );
                self.error(
                    scope.at(span),
                    format!("isian `{name}` tidak ada dalam formulir ini"),
                    help,
                );
                false
            }
            Some(target) if target.repeat.is_some() && target.repeat != scope.this.repeat => {
                self.error(
                    scope.at(span),
                    format!(
                        "`{name}` ada di dalam tabel (repeat) `{}`; dari luar baris tabel itu nilainya tidak tunggal",
                        target.repeat.as_deref().unwrap_or("")
                    ),
                    "rujuk isian tabel hanya dari isian lain di baris yang sama",
                );
                false
            }
            Some(target) if matches!(target.kind.as_str(), "note" | "group" | "repeat") => {
                self.error(
                    scope.at(span),
                    format!(
                        "`{name}` berjenis {} dan tidak mempunyai nilai",
                        target.kind
                    ),
                    "rujuk isian yang diisi pengguna",
                );
                false
            }
            Some(_) => true,
        }
    }

    /// Function arguments of the right kind: `selected()` on a choice field with one of its
    /// choices, `count-selected()` on a `select_multiple`, `regex()` with a quoted pattern.
    fn check_call(
        &mut self,
        scope: &Scope,
        func: Func,
        args: &[Expr],
        span: &Range<usize>,
    ) -> bool {
        match func {
            Func::Selected => {
                let Some((kind, list)) = args.first().and_then(|a| scope.target(a)) else {
                    // An unknown `${name}` is reported as a reference.
                    if matches!(args.first(), Some(Expr::Ref { .. })) {
                        return true;
                    }
                    self.error(
                        scope.at(span),
                        "argumen pertama selected() harus isian pilihan",
                        "tulis selected(${nama_isian}, 'pilihan')",
                    );
                    return false;
                };
                if !kind.starts_with("select_") {
                    self.error(
                        scope.at(span),
                        format!("selected() memerlukan isian pilihan, bukan {kind}"),
                        "pakai selected() hanya untuk select_one atau select_multiple; untuk isian lain pakai =",
                    );
                    false
                } else if let (Some(list), Some(Expr::Str { value, span })) = (list, args.get(1)) {
                    self.check_choice(&list, value, scope.at(span))
                } else if !matches!(args.get(1), Some(Expr::Str { .. })) {
                    self.error(
                        scope.at(span),
                        "argumen kedua selected() harus nama pilihan dalam tanda kutip",
                        "tulis selected(${nama_isian}, 'pilihan')",
                    );
                    false
                } else {
                    true
                }
            }
            Func::CountSelected => match args.first().and_then(|a| scope.target(a)) {
                Some((kind, _)) if kind != "select_multiple" => {
                    self.error(
                        scope.at(span),
                        format!("count-selected() memerlukan isian select_multiple, bukan {kind}"),
                        "hitung pilihan hanya pada isian select_multiple",
                    );
                    false
                }
                _ => true,
            },
            Func::Regex if !matches!(args.get(1), Some(Expr::Str { .. })) => {
                self.error(
                    scope.at(span),
                    "argumen kedua regex() harus pola dalam tanda kutip",
                    "tulis misalnya regex(., '^[0-9]{16}$')",
                );
                false
            }
            _ => true,
        }
    }

    /// `${x} = 'v'` on a choice field: 'v' must be one of its choices.
    fn check_comparison(&mut self, scope: &Scope, left: &Expr, right: &Expr) -> bool {
        let mut ok = true;
        for (a, b) in [(left, right), (right, left)] {
            let list = match a {
                Expr::Ref { name, .. } => scope
                    .declared
                    .get(name)
                    .filter(|d| d.kind == "select_one")
                    .and_then(|d| d.list.clone()),
                Expr::Current { .. } if scope.this.kind == "select_one" => scope.this.list.clone(),
                _ => None,
            };
            if let (Some(list), Expr::Str { value, span }) = (list, b) {
                ok &= self.check_choice(&list, value, scope.at(span));
            }
        }
        ok
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
