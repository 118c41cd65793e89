//! Branching case studies (`studi-kasus`): the node graph, its validation (every node reachable,
//! every path able to end, a good ending to reach), the recommended path and the reading order.

use super::load::Reader;
use super::model::{Body, Ending, Node, Step};
use super::raw::{RawExercise, RawNode};
use crate::diagnostic::suggestion;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use toml::Spanned;

pub(super) fn scenario(r: &mut Reader, raw: &RawExercise) -> Option<Body> {
    let start = raw.mulai.as_ref()?;
    let list = raw.simpul.as_ref()?;
    let mut nodes: Vec<Node> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let raw_nodes: Vec<&RawNode> = list.get_ref().iter().map(Spanned::get_ref).collect();
    for node in &raw_nodes {
        let read = read_node(r, node, &raw_nodes, &mut index, nodes.len());
        nodes.push(read);
    }
    let ids: Vec<&str> = index.keys().map(String::as_str).collect();
    let start_id = start.get_ref().trim().to_string();
    if !index.contains_key(&start_id) {
        r.error(
            start.span(),
            format!("simpul awal `{start_id}` tidak ada"),
            format!(
                "`mulai` harus berisi id sebuah [[simpul]]; {}",
                suggestion(&start_id, ids.iter().copied(), "simpul")
            ),
        );
    }
    // Every `lanjut` names a node.
    for node in &raw_nodes {
        for step in &node.pilihan {
            let next = step.get_ref().lanjut.get_ref().trim();
            if !index.contains_key(next) {
                r.error(
                    step.get_ref().lanjut.span(),
                    format!("`lanjut` menuju simpul `{next}` yang tidak ada"),
                    format!(
                        "tulis id sebuah [[simpul]]; {}",
                        suggestion(next, ids.iter().copied(), "simpul")
                    ),
                );
            }
        }
    }
    if !r.problems.is_empty() {
        return None;
    }
    check_paths(
        r,
        list.span(),
        &raw_nodes,
        &nodes,
        index[&start_id],
        &start_id,
    );
    Some(Body::Scenario {
        start: start_id,
        nodes,
    })
}

/// One `[[simpul]]`: a unique id, a situation, and either choices (at least two) or an ending
/// with its debrief. `position` is its index among the nodes.
fn read_node(
    r: &mut Reader,
    node: &RawNode,
    raw_nodes: &[&RawNode],
    index: &mut BTreeMap<String, usize>,
    position: usize,
) -> Node {
    let id = node.id.get_ref().trim().to_string();
    if !crate::content::is_slug(&id) {
        r.error(
            node.id.span(),
            format!("id simpul `{id}` tidak sah"),
            "tulis id dengan huruf kecil, angka dan tanda hubung, misalnya \"awal\" atau \"akhir-baik\"",
        );
    }
    if let Some(first) = index.get(&id) {
        let (line, _) = r.file.location(raw_nodes[*first].id.span().start);
        r.error(
            node.id.span(),
            format!("id simpul `{id}` sudah dipakai di baris {line}"),
            "setiap [[simpul]] harus mempunyai id yang unik",
        );
    } else {
        index.insert(id.clone(), position);
    }
    let situation = r.text(&node.situasi, "situasi");
    let choices: Vec<Step> = node
        .pilihan
        .iter()
        .map(|s| {
            let s = s.get_ref();
            Step {
                text: r.text(&s.teks, "teks"),
                consequence: r.text(&s.akibat, "akibat"),
                next: s.lanjut.get_ref().trim().to_string(),
            }
        })
        .collect();
    let ending = node.akhir.as_ref().map(|a| *a.get_ref());
    let debrief = r.optional_text(&node.pembahasan, "pembahasan");
    match (&node.akhir, node.pilihan.first()) {
        (Some(akhir), Some(first)) => r.error(
            first.span(),
            format!("simpul akhir `{id}` tidak boleh mempunyai pilihan"),
            format!(
                "hapus [[simpul.pilihan]] dari simpul ini, atau hapus `akhir = \"{}\"` bila cerita berlanjut",
                akhir.get_ref().name()
            ),
        ),
        (Some(akhir), None) if node.pembahasan.is_none() => r.error(
            akhir.span(),
            format!("simpul akhir `{id}` tidak mempunyai pembahasan"),
            "tambahkan pembahasan = \"\"\"…\"\"\": apa yang dapat dipelajari dari akhir ini",
        ),
        (None, None) => r.error(
            node.id.span(),
            format!("simpul `{id}` buntu: tidak mempunyai pilihan dan bukan akhir"),
            "tambahkan paling sedikit dua [[simpul.pilihan]], atau jadikan akhir dengan akhir = \"baik\"|\"cukup\"|\"kurang\" dan pembahasan",
        ),
        (None, Some(_)) if node.pilihan.len() < 2 => r.error(
            node.pilihan[0].span(),
            format!("simpul `{id}` hanya mempunyai satu pilihan"),
            "setiap simpul yang bukan akhir memerlukan paling sedikit dua pilihan; tambahkan [[simpul.pilihan]]",
        ),
        _ => {}
    }
    if let (None, Some(p)) = (&node.akhir, &node.pembahasan) {
        r.error(
            p.span(),
            format!("simpul `{id}` bukan akhir, tetapi mempunyai pembahasan"),
            "pembahasan hanya untuk simpul akhir; pindahkan isinya ke `akibat` pilihan, atau tambahkan `akhir`",
        );
    }
    Node {
        id,
        situation,
        choices,
        ending,
        debrief,
    }
}

/// Every node can be reached from the start and can reach an ending, and a good ending can
/// be reached: no dead part, no loop without a way out.
fn check_paths(
    r: &mut Reader,
    list_span: std::ops::Range<usize>,
    raw_nodes: &[&RawNode],
    nodes: &[Node],
    start: usize,
    start_id: &str,
) {
    let graph = Graph::new(nodes);
    let reachable = graph.reachable_from(start);
    for (i, node) in raw_nodes.iter().enumerate() {
        if !reachable.contains(&i) {
            r.error(
                node.id.span(),
                format!(
                    "simpul `{}` tidak dapat dicapai dari simpul awal `{start_id}`",
                    nodes[i].id
                ),
                "arahkan `lanjut` sebuah pilihan ke simpul ini, atau hapus simpulnya",
            );
        }
    }
    let ending_nodes: Vec<usize> = (0..nodes.len())
        .filter(|&i| nodes[i].ending.is_some())
        .collect();
    let can_end = graph.reaching(&ending_nodes);
    for (i, node) in raw_nodes.iter().enumerate() {
        if reachable.contains(&i) && !can_end.contains(&i) {
            r.error(
                node.id.span(),
                format!(
                    "dari simpul `{}` tidak ada jalan menuju akhir: pilihannya berputar tanpa jalan keluar",
                    nodes[i].id
                ),
                "arahkan paling sedikit satu pilihan di lingkaran ini ke simpul akhir",
            );
        }
    }
    if !nodes
        .iter()
        .enumerate()
        .any(|(i, n)| n.ending == Some(Ending::Baik) && reachable.contains(&i))
    {
        r.error(
            list_span,
            "skenario tidak mempunyai akhir \"baik\" yang dapat dicapai",
            "tandai paling sedikit satu simpul akhir dengan akhir = \"baik\": jalan yang dianjurkan modul",
        );
    }
}

/// The scenario as a directed graph over node indices.
struct Graph {
    next: Vec<Vec<usize>>,
}

impl Graph {
    /// Assumes every `lanjut` names a node (checked before).
    fn new(nodes: &[Node]) -> Graph {
        let position: BTreeMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        Graph {
            next: nodes
                .iter()
                .map(|n| {
                    n.choices
                        .iter()
                        .filter_map(|c| position.get(c.next.as_str()).copied())
                        .collect()
                })
                .collect(),
        }
    }

    fn reachable_from(&self, start: usize) -> BTreeSet<usize> {
        let mut seen = BTreeSet::from([start]);
        let mut queue = VecDeque::from([start]);
        while let Some(at) = queue.pop_front() {
            for &n in &self.next[at] {
                if seen.insert(n) {
                    queue.push_back(n);
                }
            }
        }
        seen
    }

    /// Nodes from which one of `targets` can be reached.
    fn reaching(&self, targets: &[usize]) -> BTreeSet<usize> {
        let mut seen: BTreeSet<usize> = targets.iter().copied().collect();
        loop {
            let before = seen.len();
            for (i, next) in self.next.iter().enumerate() {
                if next.iter().any(|n| seen.contains(n)) {
                    seen.insert(i);
                }
            }
            if seen.len() == before {
                return seen;
            }
        }
    }
}

/// The shortest sequence of (node index, choice index) from the start to a "baik" ending: the
/// path the modul recommends, shown in the answer key.
pub(crate) fn best_path(start: &str, nodes: &[Node]) -> Vec<(usize, usize)> {
    let Some(first) = nodes.iter().position(|n| n.id == start) else {
        return Vec::new();
    };
    let position: BTreeMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let mut came_from: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    let mut queue = VecDeque::from([first]);
    let mut seen = BTreeSet::from([first]);
    while let Some(at) = queue.pop_front() {
        if nodes[at].ending == Some(Ending::Baik) {
            let mut path = Vec::new();
            let mut node = at;
            while let Some(&(from, choice)) = came_from.get(&node) {
                path.push((from, choice));
                node = from;
            }
            path.reverse();
            return path;
        }
        for (c, step) in nodes[at].choices.iter().enumerate() {
            if let Some(&n) = position.get(step.next.as_str())
                && seen.insert(n)
            {
                came_from.insert(n, (at, c));
                queue.push_back(n);
            }
        }
    }
    Vec::new()
}

/// Nodes in reading order: breadth-first from the start, so "Bagian 1" is where the story
/// begins and numbers grow along the story.
pub(crate) fn node_order(start: &str, nodes: &[Node]) -> Vec<usize> {
    let Some(first) = nodes.iter().position(|n| n.id == start) else {
        return (0..nodes.len()).collect();
    };
    let graph = Graph::new(nodes);
    let mut order = vec![first];
    let mut seen = BTreeSet::from([first]);
    let mut at = 0;
    while at < order.len() {
        for &n in &graph.next[order[at]] {
            if seen.insert(n) {
                order.push(n);
            }
        }
        at += 1;
    }
    order.extend((0..nodes.len()).filter(|i| !seen.contains(i)));
    order
}
