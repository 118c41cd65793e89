//! An exercise file as written: the TOML schema, before validation.

use super::model::Ending;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExercise {
    pub(super) judul: Spanned<String>,
    pub(super) sesi: Spanned<String>,
    pub(super) topik: Option<Spanned<String>>,
    pub(super) jenis: Spanned<String>,
    /// Required; optional here so that a missing one is reported with its place and the values.
    pub(super) tingkat: Option<Spanned<String>>,
    pub(super) pengantar: Option<Spanned<String>>,
    pub(super) kasus: Option<Spanned<String>>,
    pub(super) catatan_fasilitator: Option<Spanned<String>>,
    pub(super) pertanyaan: Option<Spanned<String>>,
    pub(super) pilihan: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    pub(super) urutan: Option<Spanned<String>>,
    pub(super) pernyataan: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    pub(super) langkah: Option<Spanned<Vec<Spanned<String>>>>,
    pub(super) umpan_balik: Option<Spanned<String>>,
    pub(super) pasangan: Option<Spanned<Vec<Spanned<RawPair>>>>,
    pub(super) jawaban: Option<Spanned<Vec<Spanned<String>>>>,
    pub(super) umpan_balik_benar: Option<Spanned<String>>,
    pub(super) umpan_balik_salah: Option<Spanned<String>>,
    pub(super) mulai: Option<Spanned<String>>,
    pub(super) simpul: Option<Spanned<Vec<Spanned<RawNode>>>>,
    pub(super) panduan: Option<Spanned<Vec<Spanned<String>>>>,
    pub(super) baris: Option<Spanned<i64>>,
    pub(super) formulir: Option<Spanned<String>>,
    pub(super) jawaban_model:
        Option<Spanned<ordered::Pairs<Spanned<String>, Spanned<ordered::Value>>>>,
    pub(super) umpan_balik_kolom: Option<Spanned<BTreeMap<Spanned<String>, Spanned<String>>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChoice {
    pub(super) teks: Spanned<String>,
    pub(super) benar: Spanned<bool>,
    pub(super) umpan_balik: Spanned<String>,
    pub(super) tetap: Option<Spanned<bool>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPair {
    pub(super) kiri: Spanned<String>,
    pub(super) kanan: Spanned<String>,
    pub(super) umpan_balik: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNode {
    pub(super) id: Spanned<String>,
    pub(super) situasi: Spanned<String>,
    #[serde(default)]
    pub(super) pilihan: Vec<Spanned<RawStep>>,
    pub(super) akhir: Option<Spanned<Ending>>,
    pub(super) pembahasan: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    pub(super) teks: Spanned<String>,
    pub(super) akibat: Spanned<String>,
    pub(super) lanjut: Spanned<String>,
}

impl RawExercise {
    /// Type-specific keys present in the file, with their spans.
    pub(super) fn present_keys(&self) -> Vec<(&'static str, Range<usize>)> {
        let mut out = Vec::new();
        macro_rules! keys {
            ($($name:ident),*) => {
                $(if let Some(v) = &self.$name {
                    out.push((stringify!($name), v.span()));
                })*
            };
        }
        keys!(
            pertanyaan,
            pilihan,
            urutan,
            pernyataan,
            langkah,
            umpan_balik,
            pasangan,
            jawaban,
            umpan_balik_benar,
            umpan_balik_salah,
            mulai,
            simpul,
            panduan,
            baris,
            formulir,
            jawaban_model,
            umpan_balik_kolom
        );
        out
    }
}

/// TOML tables read as (key, value) pairs in file order: a map would sort the fields.
pub(super) mod ordered {
    use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::fmt;
    use std::marker::PhantomData;

    /// Any TOML value, tables in file order.
    #[derive(Debug)]
    pub(crate) enum Value {
        Text(String),
        Other(String),
        Array(Vec<Value>),
        Table(Vec<(String, Value)>),
    }

    impl<'de> Deserialize<'de> for Value {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct ValueVisitor;
            impl<'de> Visitor<'de> for ValueVisitor {
                type Value = Value;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a TOML value")
                }
                fn visit_str<E>(self, v: &str) -> Result<Value, E> {
                    Ok(Value::Text(v.to_string()))
                }
                fn visit_string<E>(self, v: String) -> Result<Value, E> {
                    Ok(Value::Text(v))
                }
                fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
                    Ok(Value::Other(v.to_string()))
                }
                fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
                    Ok(Value::Other(v.to_string()))
                }
                fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
                    Ok(Value::Other(v.to_string()))
                }
                fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
                    Ok(Value::Other(if v { "ya" } else { "tidak" }.to_string()))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                    let mut out = Vec::new();
                    while let Some(item) = seq.next_element()? {
                        out.push(item);
                    }
                    Ok(Value::Array(out))
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
                    let mut out = Vec::new();
                    while let Some(entry) = map.next_entry()? {
                        out.push(entry);
                    }
                    Ok(Value::Table(out))
                }
            }
            d.deserialize_any(ValueVisitor)
        }
    }

    #[derive(Debug)]
    pub(crate) struct Pairs<K, V>(pub Vec<(K, V)>);

    impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Pairs<K, V> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct PairVisitor<K, V>(PhantomData<(K, V)>);
            impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for PairVisitor<K, V> {
                type Value = Pairs<K, V>;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a table")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                    let mut out = Vec::new();
                    while let Some(entry) = map.next_entry()? {
                        out.push(entry);
                    }
                    Ok(Pairs(out))
                }
            }
            d.deserialize_map(PairVisitor(PhantomData))
        }
    }
}
