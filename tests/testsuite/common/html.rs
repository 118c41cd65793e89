//! Pieces of built pages for snapshots: one element cut out exactly as the build wrote it,
//! with only what must change between builds or hides a diff normalised.

/// The text between `<main>` and `</main>` of a built page.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main>").expect("<main>");
    let end = html.find("</main>").expect("</main>");
    &html[start..end]
}

/// The whole element whose start tag contains `needle` (for example `data-latihan="ID"` or
/// `<section class="modul-kartu-sesi"`), from its `<` to the end of its matching end tag.
/// A balanced-tag scan is enough here: the build's HTML is well formed and escapes `<` and `>`
/// in text and attribute values.
pub fn element<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in the page"));
    let start = html[..=at]
        .rfind('<')
        .unwrap_or_else(|| panic!("`{needle}` is not inside a tag"));
    let (closing, name) = tag_name(&html[start..]).expect("a start tag");
    assert!(!closing, "`{needle}` is in an end tag");
    let mut depth = 0usize;
    let mut i = start;
    while let Some(offset) = html[i..].find('<') {
        i += offset;
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let Some((is_end, tag)) = tag_name(rest) else {
            i += 1;
            continue;
        };
        let end = i + rest.find('>').map_or(rest.len(), |e| e + 1);
        if tag == name {
            if is_end {
                depth -= 1;
                if depth == 0 {
                    return &html[start..end];
                }
            } else if !html[..end].ends_with("/>") {
                depth += 1;
            }
        }
        i = end;
        // Raw text: a `<` in a script or style is not a tag.
        if !is_end && (tag == "script" || tag == "style") {
            let close = format!("</{tag}");
            i += html[i..].find(&close).unwrap_or(html.len() - i);
        }
    }
    panic!("<{name}> with `{needle}` is not closed")
}

/// Every element whose start tag contains `needle`, in page order.
pub fn elements<'a>(html: &'a str, needle: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = html[from..].find(needle) {
        let found = element(&html[from..], needle);
        out.push(found);
        let tag_start = html[from..from + at + 1].rfind('<').unwrap_or(0);
        from += tag_start + found.len();
    }
    out
}

/// `html` with every element whose start tag contains `needle` replaced by a one-line marker
/// naming it (`label` and the element's `attribute` value): for a page snapshot that leaves
/// exercises or forms to their own snapshots.
pub fn without(html: &str, needle: &str, attribute: &str, label: &str) -> String {
    let mut out = html.to_string();
    for found in elements(html, needle) {
        let key = format!("{attribute}=\"");
        let value = found
            .find(&key)
            .map(|i| &found[i + key.len()..])
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("?");
        out = out.replacen(found, &format!("<!-- {label} {value}: own snapshot -->"), 1);
    }
    out
}

/// `("name", is_end_tag)` of a tag starting at `text`, or `None` when `text` does not start
/// with one (a `<` in text is always escaped by the build, but be safe).
fn tag_name(text: &str) -> Option<(bool, &str)> {
    let rest = text.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let len = rest
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .unwrap_or(rest.len());
    (len > 0 && rest.starts_with(|c: char| c.is_ascii_alphabetic()))
        .then(|| (closing, &rest[..len]))
}

/// An element made reviewable as a diff: fingerprinted asset names lose their fingerprint,
/// and every long JSON attribute value (the rules and answers the scripts read) is shown
/// pretty-printed below the element instead of as one escaped line. Nothing else changes.
pub fn readable(fragment: &str) -> String {
    let fingerprint = regex::Regex::new(r"-[0-9a-f]{8}(\.min)?\.(js|css|png|svg|woff2?)\b")
        .expect("fingerprint pattern");
    let text = fingerprint.replace_all(fragment, "-[fingerprint]$1.$2");
    let attribute = regex::Regex::new(r#" ([a-z][a-z-]*)="([\[{][^"]*)""#).expect("pattern");
    let mut appendix = String::new();
    let mut n = 0;
    let text = attribute.replace_all(&text, |c: &regex::Captures| {
        let value = unescape(&c[2]);
        match serde_json::from_str::<serde_json::Value>(&value) {
            Ok(json) if value.len() > 40 => {
                n += 1;
                let pretty = serde_json::to_string_pretty(&json).expect("json");
                appendix.push_str(&format!("\n\n[JSON {n}: {}]\n{pretty}", &c[1]));
                format!(r#" {}="[JSON {n}]""#, &c[1])
            }
            _ => c[0].to_string(),
        }
    });
    format!("{text}{appendix}")
}

/// The few entities the build's autoescaping writes.
fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

#[test]
fn element_takes_nested_tags_of_the_same_name() {
    let page = r#"<p>a</p><div class="x" data-k="1"><div>in</div><!-- </div> --><br/><script>if (a<b) "</div>"</script></div><div>after</div>"#;
    assert_eq!(
        element(page, r#"data-k="1""#),
        r#"<div class="x" data-k="1"><div>in</div><!-- </div> --><br/><script>if (a<b) "</div>"</script></div>"#
    );
    assert_eq!(elements(page, "<div").len(), 2);
}

#[test]
fn readable_pretty_prints_long_json_attributes_only() {
    let html = r#"<form data-a="{&quot;isian&quot;:[{&quot;n&quot;:&quot;nama&quot;,&quot;w&quot;:true}],&quot;versi&quot;:2}" data-b="[1]" src="x-0123abcd.js">"#;
    assert_eq!(
        readable(html),
        "<form data-a=\"[JSON 1]\" data-b=\"[1]\" src=\"x-[fingerprint].js\">\n\n[JSON 1: data-a]\n{\n  \"isian\": [\n    {\n      \"n\": \"nama\",\n      \"w\": true\n    }\n  ],\n  \"versi\": 2\n}"
    );
}
