//! The rules `modul-formulir.js` needs, as data (`data-aturan`): the browser evaluates the
//! parsed expressions instead of parsing them again.

use super::model::{Field, Form, Kind};
use serde_json::{Value, json};

/// The rules the browser needs, as data: names, types, required, parsed expressions,
/// messages, choice names, old names, table shapes.
pub fn rules(form: &Form) -> Value {
    fn fields(list: &[Field], form: &Form) -> Vec<Value> {
        list.iter()
            .map(|f| {
                let mut o = serde_json::Map::new();
                o.insert("n".into(), json!(f.name));
                o.insert("j".into(), json!(f.type_name()));
                if f.required {
                    o.insert("w".into(), json!(true));
                }
                if let Some(e) = &f.relevant {
                    o.insert("r".into(), e.to_json());
                }
                if let Some(e) = &f.constraint {
                    o.insert("b".into(), e.to_json());
                }
                if let Some(m) = &f.constraint_message {
                    o.insert("p".into(), json!(m));
                }
                if let Some(list) = f.list().and_then(|l| form.lists.get(l)) {
                    let names: Vec<&str> = list.iter().map(|c| c.name.as_str()).collect();
                    o.insert("l".into(), json!(names));
                }
                if !f.old_names.is_empty() {
                    o.insert("lama".into(), json!(f.old_names));
                }
                match &f.kind {
                    Kind::Group(children) => {
                        o.insert("isian".into(), json!(fields(children, form)));
                    }
                    Kind::Repeat(r) => {
                        o.insert("isian".into(), json!(fields(&r.fields, form)));
                        if !r.row_labels.is_empty() {
                            o.insert("tetap".into(), json!(r.row_labels.len()));
                        }
                    }
                    _ => {}
                }
                Value::Object(o)
            })
            .collect()
    }
    json!({ "id": form.id, "versi": form.version, "isian": fields(&form.fields, form) })
}
