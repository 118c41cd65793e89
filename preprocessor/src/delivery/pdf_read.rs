//! Reads the little we need back from a PDF that Chromium (Skia) printed: the page count and
//! the document outline (bookmark titles and the page each points to). Skia writes every
//! object uncompressed between `N 0 obj` and `endobj` (only page contents are streams), so
//! the page tree and the outline can be read from the object dictionaries directly.

use std::collections::HashMap;

/// One bookmark of the outline, in document order.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// 0 for a top-level bookmark.
    pub level: usize,
    pub title: String,
    /// 1-based page number.
    pub page: usize,
}

/// The dictionaries of the file's objects by number (streams cut off at `stream`).
fn objects(pdf: &[u8]) -> HashMap<u32, String> {
    let text = String::from_utf8_lossy(pdf);
    let mut out = HashMap::new();
    let mut rest: &str = &text;
    while let Some(at) = rest.find(" 0 obj\n") {
        let digits = rest[..at]
            .bytes()
            .rev()
            .take_while(u8::is_ascii_digit)
            .count();
        let number = rest[at - digits..at].to_string();
        rest = &rest[at + " 0 obj\n".len()..];
        let end = ["endobj", "stream"]
            .iter()
            .filter_map(|t| rest.find(t))
            .min()
            .unwrap_or(rest.len());
        if let Ok(n) = number.parse() {
            out.insert(n, rest[..end].to_string());
        }
        rest = &rest[end..];
    }
    out
}

/// The object number after `key` in a dictionary (`/Pages 75 0 R` → 75).
fn reference(dict: &str, key: &str) -> Option<u32> {
    let at = dict.find(&format!("{key} "))? + key.len() + 1;
    let rest = &dict[at..];
    let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
    rest[number.len()..]
        .starts_with(" 0 R")
        .then(|| number.parse().ok())
        .flatten()
}

/// The page objects in order.
fn pages(objects: &HashMap<u32, String>) -> Result<Vec<u32>, String> {
    let catalog = objects
        .values()
        .find(|d| d.contains("/Type /Catalog"))
        .ok_or("PDF tanpa katalog")?;
    let root = reference(catalog, "/Pages").ok_or("PDF tanpa /Pages")?;
    let mut out = Vec::new();
    let mut stack = vec![root];
    let mut seen = 0;
    while let Some(node) = stack.pop() {
        seen += 1;
        if seen > 1_000_000 {
            return Err("pohon halaman PDF tidak wajar".into());
        }
        let dict = objects.get(&node).ok_or("objek halaman PDF hilang")?;
        if dict.contains("/Type /Pages") {
            let kids = dict
                .split("/Kids [")
                .nth(1)
                .and_then(|k| k.split(']').next())
                .unwrap_or("");
            let numbers: Vec<u32> = kids
                .split(" 0 R")
                .filter_map(|n| n.trim().parse().ok())
                .collect();
            stack.extend(numbers.into_iter().rev());
        } else {
            out.push(node);
        }
    }
    Ok(out)
}

pub fn page_count(pdf: &[u8]) -> Result<usize, String> {
    Ok(pages(&objects(pdf))?.len())
}

/// The outline, flattened in document order.
pub fn outline(pdf: &[u8]) -> Result<Vec<Bookmark>, String> {
    let objects = objects(pdf);
    let page_numbers: HashMap<u32, usize> = pages(&objects)?
        .into_iter()
        .enumerate()
        .map(|(i, n)| (n, i + 1))
        .collect();
    let Some(root) = objects.values().find(|d| d.contains("/Type /Outlines")) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    // (item, level) still to visit; children before the next sibling.
    let mut stack: Vec<(u32, usize)> = reference(root, "/First")
        .map(|f| (f, 0))
        .into_iter()
        .collect();
    while let Some((item, level)) = stack.pop() {
        if out.len() > 100_000 {
            break;
        }
        let Some(dict) = objects.get(&item) else {
            continue;
        };
        let page = dict
            .split("/Dest [")
            .nth(1)
            .and_then(|d| d.split(" 0 R").next())
            .and_then(|n| n.trim().parse::<u32>().ok())
            .and_then(|n| page_numbers.get(&n).copied())
            .unwrap_or(0);
        out.push(Bookmark {
            level,
            title: title(dict).unwrap_or_default(),
            page,
        });
        if let Some(next) = reference(dict, "/Next") {
            stack.push((next, level));
        }
        if let Some(first) = reference(dict, "/First") {
            stack.push((first, level + 1));
        }
    }
    Ok(out)
}

/// The `/Title` string: a literal `( … )` with escapes, or UTF-16BE hex `<FEFF…>`.
fn title(dict: &str) -> Option<String> {
    let at = dict.find("/Title ")? + "/Title ".len();
    let rest = &dict[at..];
    if let Some(hex) = rest.strip_prefix('<') {
        let hex = &hex[..hex.find('>')?];
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
            .collect();
        if bytes.starts_with(&[0xFE, 0xFF]) {
            let units: Vec<u16> = bytes[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            return Some(String::from_utf16_lossy(&units));
        }
        return Some(bytes.iter().map(|&b| char::from(b)).collect());
    }
    let body = rest.strip_prefix('(')?;
    let mut out = String::new();
    let mut depth = 0;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                d if d.is_digit(8) => {
                    let mut code = d.to_digit(8)?;
                    for _ in 0..2 {
                        match chars.peek().and_then(|c| c.to_digit(8)) {
                            Some(v) => {
                                code = code * 8 + v;
                                chars.next();
                            }
                            None => break,
                        }
                    }
                    out.push(char::from_u32(code)?);
                }
                other => out.push(other),
            },
            '(' => {
                depth += 1;
                out.push(c);
            }
            ')' if depth == 0 => break,
            ')' => {
                depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_and_pages_of_a_skia_like_file() {
        let pdf = b"%PDF-1.4\n\
2 0 obj\n<</Type /Page\n/Parent 5 0 R>>\nendobj\n\
3 0 obj\n<</Type /Page\n/Parent 5 0 R>>\nendobj\n\
4 0 obj\n<</Type /Page\n/Parent 5 0 R>>\nendobj\n\
5 0 obj\n<</Type /Pages\n/Count 3\n/Kids [2 0 R 3 0 R 4 0 R]>>\nendobj\n\
10 0 obj\n<</Title (Sesi 1-1\\(a\\))\n/Dest [2 0 R /XYZ 54 775 0]\n/Parent 9 0 R\n/First 11 0 R\n/Next 12 0 R>>\nendobj\n\
11 0 obj\n<</Title <FEFF00410020201400200042>\n/Dest [3 0 R /XYZ 54 775 0]\n/Parent 10 0 R>>\nendobj\n\
12 0 obj\n<</Title (Sesi 1-2)\n/Dest [4 0 R /XYZ 54 775 0]\n/Parent 9 0 R>>\nendobj\n\
9 0 obj\n<</Type /Outlines\n/First 10 0 R\n/Last 12 0 R>>\nendobj\n\
13 0 obj\n<</Type /Catalog\n/Pages 5 0 R\n/Outlines 9 0 R>>\nendobj\n";
        assert_eq!(page_count(pdf), Ok(3));
        let titles: Vec<(usize, String, usize)> = outline(pdf)
            .expect("outline")
            .into_iter()
            .map(|b| (b.level, b.title, b.page))
            .collect();
        assert_eq!(
            titles,
            vec![
                (0, "Sesi 1-1(a)".to_string(), 1),
                (1, "A \u{2014} B".to_string(), 2),
                (0, "Sesi 1-2".to_string(), 3)
            ]
        );
    }
}
