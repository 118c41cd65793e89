//! The XLSForm expression subset of form files: `relevan` (skip logic) and `batasan`
//! (constraints).
//!
//! Grammar (XPath as ODK writes it, nothing more):
//!
//! ```text
//! or    := and ("or" and)*
//! and   := cmp ("and" cmp)*
//! cmp   := atom (("=" | "!=" | "<" | "<=" | ">" | ">=") atom)?
//! atom  := "(" or ")" | "${" name "}" | "." | 'text' | "text" | number
//!        | not(or) | selected(a, 'v') | count-selected(a) | string-length(a)
//!        | regex(a, 'pattern') | today() | true() | false()
//! ```
//!
//! The parser keeps byte spans so errors point at the exact place inside the TOML string. The
//! parsed tree is what every rendering uses: the browser evaluates it (as JSON, see
//! [`super::rules::ExprRule`]), the XLSForm export prints it back ([`Expr::to_xpath`]) and print
//! renders it as an instruction in words.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }

    /// How the comparison reads in an Indonesian instruction.
    pub(crate) fn words(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "≠",
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Gt => ">",
            Op::Ge => "≥",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Func {
    Not,
    Selected,
    CountSelected,
    StringLength,
    Regex,
    Today,
    True,
    False,
}

impl Func {
    pub(crate) const ALL: &[(&str, Func, usize)] = &[
        ("not", Func::Not, 1),
        ("selected", Func::Selected, 2),
        ("count-selected", Func::CountSelected, 1),
        ("string-length", Func::StringLength, 1),
        ("regex", Func::Regex, 2),
        ("today", Func::Today, 0),
        ("true", Func::True, 0),
        ("false", Func::False, 0),
    ];

    pub(crate) fn name(self) -> &'static str {
        Func::ALL
            .iter()
            .find(|(_, f, _)| *f == self)
            .map_or("", |(n, _, _)| n)
    }
}

/// A parsed expression; `span` fields are byte ranges within the expression text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    /// `${name}`.
    Ref {
        name: String,
        span: Range<usize>,
    },
    /// `.`: the value of the field the constraint belongs to.
    Current {
        span: Range<usize>,
    },
    Str {
        value: String,
        span: Range<usize>,
    },
    Num(f64),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    /// `numeric` is decided by validation from the field types: compare as numbers or as text.
    Cmp {
        op: Op,
        left: Box<Expr>,
        right: Box<Expr>,
        numeric: bool,
    },
    Call {
        func: Func,
        args: Vec<Expr>,
        span: Range<usize>,
    },
}

/// A syntax error: what, where (byte range in the expression) and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub(crate) message: String,
    pub(crate) help: String,
    pub(crate) span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ref(String),
    Dot,
    Str(String),
    Num(f64),
    Name(String),
    LParen,
    RParen,
    Comma,
    Op(Op),
}

/// The tokens of an expression with their byte ranges. One piece: a lexer, one arm per token
/// kind over the same cursor.
fn tokenize(text: &str) -> Result<Vec<(Tok, Range<usize>)>, ParseError> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |message: String, help: &str, span: Range<usize>| ParseError {
        message,
        help: help.to_string(),
        span,
    };
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'$' => {
                if bytes.get(i + 1) != Some(&b'{') {
                    return Err(err(
                        "`$` harus diikuti `{nama}`".into(),
                        "tulis rujukan isian sebagai ${nama_isian}",
                        i..i + 1,
                    ));
                }
                let Some(close) = text[i..].find('}') else {
                    return Err(err(
                        "rujukan `${` tidak ditutup dengan `}`".into(),
                        "tulis rujukan isian sebagai ${nama_isian}",
                        i..text.len(),
                    ));
                };
                let name = text[i + 2..i + close].trim().to_string();
                i += close + 1;
                out.push((Tok::Ref(name), start..i));
            }
            b'\'' | b'"' => {
                let Some(len) = text[i + 1..].find(c as char) else {
                    return Err(err(
                        "teks dalam tanda kutip tidak ditutup".into(),
                        "tutup teks dengan tanda kutip yang sama, misalnya 'ya'",
                        i..text.len(),
                    ));
                };
                out.push((
                    Tok::Str(text[i + 1..i + 1 + len].to_string()),
                    start..i + len + 2,
                ));
                i += len + 2;
            }
            b'(' => {
                out.push((Tok::LParen, i..i + 1));
                i += 1;
            }
            b')' => {
                out.push((Tok::RParen, i..i + 1));
                i += 1;
            }
            b',' => {
                out.push((Tok::Comma, i..i + 1));
                i += 1;
            }
            b'=' => {
                out.push((Tok::Op(Op::Eq), i..i + 1));
                i += 1;
            }
            b'!' if bytes.get(i + 1) == Some(&b'=') => {
                out.push((Tok::Op(Op::Ne), i..i + 2));
                i += 2;
            }
            b'<' | b'>' => {
                let eq = bytes.get(i + 1) == Some(&b'=');
                let op = match (c, eq) {
                    (b'<', true) => Op::Le,
                    (b'<', false) => Op::Lt,
                    (_, true) => Op::Ge,
                    _ => Op::Gt,
                };
                let len = if eq { 2 } else { 1 };
                out.push((Tok::Op(op), i..i + len));
                i += len;
            }
            b'.' if !bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                out.push((Tok::Dot, i..i + 1));
                i += 1;
            }
            b'0'..=b'9' | b'.' | b'-' => {
                i += 1;
                while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                    i += 1;
                }
                let number = &text[start..i];
                let value = number.parse::<f64>().map_err(|_| {
                    err(
                        format!("angka `{number}` tidak sah"),
                        "tulis angka seperti 18 atau 2.5",
                        start..i,
                    )
                })?;
                out.push((Tok::Num(value), start..i));
            }
            c if c.is_ascii_alphabetic() => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
                    i += 1;
                }
                out.push((Tok::Name(text[start..i].to_string()), start..i));
            }
            _ => {
                let ch = text[i..].chars().next().unwrap_or('?');
                return Err(err(
                    format!("tanda `{ch}` tidak dikenal dalam ungkapan"),
                    "ungkapan memakai ${isian}, teks 'kutip', angka, = != < <= > >=, and, or, dan fungsi not(), selected(), count-selected(), string-length(), regex(), today()",
                    i..i + ch.len_utf8(),
                ));
            }
        }
    }
    Ok(out)
}

/// Longest expression, in bytes: far above any real form rule, and short enough that no
/// expression tree is deep enough to exhaust the stack (the chain `a and b and …` grows
/// one level per term).
pub(crate) const MAX_LENGTH: usize = 2_000;
/// Deepest nesting of parentheses and function calls.
pub(crate) const MAX_DEPTH: usize = 64;

struct Parser {
    toks: Vec<(Tok, Range<usize>)>,
    at: usize,
    len: usize,
    /// Parentheses and calls open at this point.
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|(t, _)| t)
    }

    fn span(&self) -> Range<usize> {
        self.toks
            .get(self.at)
            .map_or(self.len..self.len + 1, |(_, s)| s.clone())
    }

    fn fail<T>(&self, message: impl Into<String>, help: &str) -> Result<T, ParseError> {
        Err(ParseError {
            message: message.into(),
            help: help.to_string(),
            span: self.span(),
        })
    }

    /// One level deeper; an error past [`MAX_DEPTH`].
    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            // Point at the parenthesis that went one level too deep.
            self.at = self.at.saturating_sub(1);
            return self.fail(
                format!("ungkapan bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat kurung atau fungsi)"),
                "sederhanakan ungkapan: hapus kurung yang tidak perlu, atau pecah syaratnya ke beberapa isian",
            );
        }
        Ok(())
    }

    fn keyword(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Name(n)) if n == word) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.and()?;
        while self.keyword("or") {
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.cmp()?;
        while self.keyword("and") {
            let right = self.cmp()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn cmp(&mut self) -> Result<Expr, ParseError> {
        let left = self.atom()?;
        if let Some(Tok::Op(op)) = self.peek().cloned() {
            self.at += 1;
            let right = self.atom()?;
            if let Some(Tok::Op(_)) = self.peek() {
                return self.fail(
                    "dua perbandingan berturut-turut",
                    "gabungkan perbandingan dengan and / or, misalnya ${umur} >= 18 and ${umur} <= 60",
                );
            }
            return Ok(Expr::Cmp {
                op,
                left: Box::new(left),
                right: Box::new(right),
                numeric: false,
            });
        }
        Ok(left)
    }

    /// `atom` of the grammar above. One piece: one arm per production.
    fn atom(&mut self) -> Result<Expr, ParseError> {
        let span = self.span();
        let Some(tok) = self.peek().cloned() else {
            return self.fail(
                "ungkapan berakhir terlalu cepat",
                "lengkapi ungkapan, misalnya ${status} = 'ya'",
            );
        };
        self.at += 1;
        match tok {
            Tok::Ref(name) => Ok(Expr::Ref { name, span }),
            Tok::Dot => Ok(Expr::Current { span }),
            Tok::Str(value) => Ok(Expr::Str { value, span }),
            Tok::Num(n) => Ok(Expr::Num(n)),
            Tok::LParen => {
                self.enter()?;
                let inner = self.or()?;
                if self.peek() != Some(&Tok::RParen) {
                    return self.fail("kurung `(` tidak ditutup", "tambahkan `)`");
                }
                self.at += 1;
                self.depth -= 1;
                Ok(inner)
            }
            Tok::Name(name) => {
                let Some(&(_, func, arity)) = Func::ALL.iter().find(|(n, _, _)| *n == name) else {
                    self.at -= 1;
                    let names: Vec<&str> = Func::ALL.iter().map(|(n, _, _)| *n).collect();
                    let hint = format!(
                        "rujukan isian ditulis ${{{name}}}; fungsi yang dikenal: {}",
                        names.join(", ")
                    );
                    return self.fail(format!("`{name}` tidak dikenal"), &hint);
                };
                if self.peek() != Some(&Tok::LParen) {
                    return self.fail(
                        format!("fungsi `{name}` harus diikuti `(`"),
                        "tulis misalnya selected(${bantuan}, 'uang')",
                    );
                }
                self.at += 1;
                self.enter()?;
                let mut args = Vec::new();
                if self.peek() != Some(&Tok::RParen) {
                    args.push(self.or()?);
                    while self.peek() == Some(&Tok::Comma) {
                        self.at += 1;
                        args.push(self.or()?);
                    }
                }
                if self.peek() != Some(&Tok::RParen) {
                    return self.fail(
                        format!("argumen fungsi `{name}` tidak ditutup dengan `)`"),
                        "pisahkan argumen dengan koma dan tutup dengan `)`",
                    );
                }
                let end = self.span().end;
                self.at += 1;
                self.depth -= 1;
                let call_span = span.start..end;
                if args.len() != arity {
                    return Err(ParseError {
                        message: format!(
                            "fungsi `{name}` memerlukan {arity} argumen, tertulis {}",
                            args.len()
                        ),
                        help: "periksa jumlah argumen; contoh: selected(${bantuan}, 'uang'), count-selected(${bantuan}), string-length(.), regex(., '^[0-9]+$'), today()".into(),
                        span: call_span,
                    });
                }
                Ok(Expr::Call {
                    func,
                    args,
                    span: call_span,
                })
            }
            Tok::RParen | Tok::Comma | Tok::Op(_) => {
                self.at -= 1;
                self.fail(
                    "nilai diharapkan di sini",
                    "di kedua sisi perbandingan harus ada nilai, misalnya ${status} = 'ya'",
                )
            }
        }
    }
}

/// Parses an expression; the error's span is a byte range within `text`.
pub(crate) fn parse(text: &str) -> Result<Expr, ParseError> {
    if text.len() > MAX_LENGTH {
        return Err(ParseError {
            message: format!(
                "ungkapan terlalu panjang: {} karakter (paling panjang {MAX_LENGTH})",
                text.chars().count()
            ),
            help: "sederhanakan ungkapan, atau pecah syaratnya ke beberapa isian".into(),
            span: 0..1,
        });
    }
    let toks = tokenize(text)?;
    if toks.is_empty() {
        return Err(ParseError {
            message: "ungkapan kosong".into(),
            help: "hapus kunci ini atau tulis ungkapan, misalnya ${status} = 'ya'".into(),
            span: 0..text.len().max(1),
        });
    }
    let mut parser = Parser {
        toks,
        at: 0,
        len: text.len(),
        depth: 0,
    };
    let expr = parser.or()?;
    if parser.at < parser.toks.len() {
        return parser.fail(
            "sisa ungkapan tidak dapat dibaca",
            "gabungkan bagian ungkapan dengan and / or, atau tutup kurung yang berlebih",
        );
    }
    Ok(expr)
}

impl Expr {
    /// Every node, depth first.
    pub(crate) fn walk<'a>(&'a self, visit: &mut dyn FnMut(&'a Expr)) {
        visit(self);
        match self {
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.walk(visit);
                b.walk(visit);
            }
            Expr::Cmp { left, right, .. } => {
                left.walk(visit);
                right.walk(visit);
            }
            Expr::Call { args, .. } => args.iter().for_each(|a| a.walk(visit)),
            _ => {}
        }
    }

    pub(crate) fn walk_mut(&mut self, visit: &mut dyn FnMut(&mut Expr)) {
        visit(self);
        match self {
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.walk_mut(visit);
                b.walk_mut(visit);
            }
            Expr::Cmp { left, right, .. } => {
                left.walk_mut(visit);
                right.walk_mut(visit);
            }
            Expr::Call { args, .. } => args.iter_mut().for_each(|a| a.walk_mut(visit)),
            _ => {}
        }
    }

    /// The expression as XLSForm writes it (canonical spacing, explicit parentheses).
    pub(crate) fn to_xpath(&self) -> String {
        match self {
            Expr::Ref { name, .. } => format!("${{{name}}}"),
            Expr::Current { .. } => ".".into(),
            Expr::Str { value, .. } => quote(value),
            Expr::Num(n) => number(*n),
            Expr::And(a, b) => format!("{} and {}", a.nested_xpath(), b.nested_xpath()),
            Expr::Or(a, b) => format!("{} or {}", a.nested_xpath(), b.nested_xpath()),
            Expr::Cmp {
                op, left, right, ..
            } => format!(
                "{} {} {}",
                left.nested_xpath(),
                op.symbol(),
                right.nested_xpath()
            ),
            Expr::Call { func, args, .. } => {
                let args: Vec<String> = args.iter().map(Expr::to_xpath).collect();
                format!("{}({})", func.name(), args.join(", "))
            }
        }
    }

    fn nested_xpath(&self) -> String {
        match self {
            Expr::And(..) | Expr::Or(..) | Expr::Cmp { .. } => format!("({})", self.to_xpath()),
            _ => self.to_xpath(),
        }
    }
}

fn quote(value: &str) -> String {
    if value.contains('\'') {
        format!("\"{value}\"")
    } else {
        format!("'{value}'")
    }
}

/// Numbers without a needless `.0`.
pub(crate) fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_subset_and_prints_it_back() {
        let cases = [
            ("${a} = 'ya'", "${a} = 'ya'"),
            (
                "${a}='ya' and ${b} >= 18 or not(${c} != \"x\")",
                "((${a} = 'ya') and (${b} >= 18)) or not(${c} != 'x')",
            ),
            ("selected(${b}, 'uang')", "selected(${b}, 'uang')"),
            ("count-selected(${b}) >= 2", "count-selected(${b}) >= 2"),
            (
                "string-length(.) = 16 and regex(., '^[0-9]+$')",
                "(string-length(.) = 16) and regex(., '^[0-9]+$')",
            ),
            (". <= today()", ". <= today()"),
            ("(${a} = 1)", "${a} = 1"),
            (". > -2.5", ". > -2.5"),
        ];
        for (text, xpath) in cases {
            let expr = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(expr.to_xpath(), xpath, "{text}");
            // Printing back is stable.
            let again = parse(&expr.to_xpath()).expect("reparses");
            assert_eq!(again.to_xpath(), xpath);
        }
    }

    #[test]
    fn limits_keep_the_parser_on_the_stack() {
        let deep = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&deep).is_err_and(|e| e.message.contains("terlalu panjang")));
        let nots = format!("{}true(){}", "not(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&nots).is_err_and(|e| e.message.contains("terlalu panjang")));
        let chain = vec!["1 = 1"; 200_000].join(" and ");
        assert!(parse(&chain).is_err_and(|e| e.message.contains("terlalu panjang")));
        let nested = format!(
            "{}1{}",
            "(".repeat(MAX_DEPTH + 1),
            ")".repeat(MAX_DEPTH + 1)
        );
        assert!(parse(&nested).is_err_and(|e| e.message.contains("terlalu dalam")));
        let nested = format!("{}1{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert!(parse(&nested).is_ok());
        let nested = format!(
            "{}true(){}",
            "not(".repeat(MAX_DEPTH),
            ")".repeat(MAX_DEPTH)
        );
        assert!(parse(&nested).is_err_and(|e| e.message.contains("terlalu dalam")));
        // The longest chain within the length limit parses, prints and drops.
        let longest = vec!["1"; MAX_LENGTH / 6].join(" and ");
        let expr = parse(&longest).expect("parses");
        assert!(expr.to_xpath().len() > MAX_LENGTH / 2);
    }

    #[test]
    fn errors_point_at_the_problem() {
        let cases = [
            ("${a} = ", "berakhir terlalu cepat", 7),
            ("${a} == 'x'", "nilai diharapkan", 6),
            ("status = 'x'", "`status` tidak dikenal", 0),
            ("selected(${a})", "memerlukan 2 argumen", 0),
            ("${a} = 'x", "tidak ditutup", 7),
            ("${a} & 1", "tanda `&`", 5),
            ("(${a} = 1", "kurung", 9),
            ("${a} = 1 ${b}", "sisa ungkapan", 9),
            ("1 < ${a} < 3", "dua perbandingan", 9),
            ("", "ungkapan kosong", 0),
        ];
        for (text, message, at) in cases {
            let err = parse(text).expect_err(text);
            assert!(err.message.contains(message), "{text}: {err:?}");
            assert_eq!(err.span.start, at, "{text}: {err:?}");
        }
    }
}
