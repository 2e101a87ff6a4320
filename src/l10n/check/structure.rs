//! The rules about a locale's messages as a whole: duplicate ids, references that lead nowhere,
//! reference cycles and placeable bombs, plural coverage, and — for a translation — its messages,
//! attributes and `$variables` against the reference locale.

use std::collections::{BTreeMap, BTreeSet};

use super::model::{Cost, EntryFacts, PatternFacts, Reference, Select};
use super::{LocaleFiles, Rule, Severity, Sink};
use crate::lang::Language;

/// Fluent stops formatting a message after this many placeables (fluent-bundle's
/// `MAX_PLACEABLES`): a message that expands past it is cut short.
pub(crate) const MAX_PLACEABLES: u64 = 100;

/// The CLDR plural categories (cardinal) a locale's numbers select.
pub(crate) fn plural_categories(lang: Language) -> &'static [&'static str] {
    match lang {
        Language::Mandarin => &["other"],
        Language::Uyghur | Language::Mongolian => &["one", "other"],
    }
}

const CLDR_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// Rules within one locale: duplicate ids, unknown references, cycles, expansion, plurals.
pub(crate) fn locale_rules(locale: &LocaleFiles, sink: &mut Sink<'_>) {
    duplicates(locale, sink);
    let index = locale.index();
    references(locale, &index, sink);
    let nodes = Graph::new(locale, &index);
    nodes.cycles_and_expansion(locale, sink);
    for file in &locale.files {
        for entry in &file.entries {
            for (attribute, pattern) in entry.patterns() {
                let id = qualified(&entry.id, attribute);
                for select in &pattern.selects {
                    plural_coverage(locale.lang, &file.path, &id, select, sink);
                }
            }
        }
    }
}

/// `id` or `id.attribute`.
fn qualified(id: &str, attribute: Option<&str>) -> String {
    match attribute {
        Some(a) => format!("{id}.{a}"),
        None => id.to_owned(),
    }
}

fn duplicates(locale: &LocaleFiles, sink: &mut Sink<'_>) {
    let mut first: BTreeMap<&str, (&std::path::Path, usize)> = BTreeMap::new();
    for file in &locale.files {
        for entry in &file.entries {
            match first.get(entry.id.as_str()) {
                Some((path, line)) => sink.push(
                    &file.path,
                    entry.line,
                    None,
                    Some(&entry.id),
                    Rule::DuplicateId,
                    Severity::Error,
                    format!(
                        "'{}' is already defined at {}:{line}",
                        entry.id,
                        path.display()
                    ),
                ),
                None => {
                    first.insert(&entry.id, (&file.path, entry.line));
                }
            }
            let mut seen = BTreeSet::new();
            for (name, pattern) in &entry.attributes {
                if !seen.insert(name.as_str()) {
                    sink.push(
                        &file.path,
                        pattern.line,
                        None,
                        Some(&qualified(&entry.id, Some(name))),
                        Rule::DuplicateId,
                        Severity::Error,
                        format!("attribute '.{name}' is defined twice in '{}'", entry.id),
                    );
                }
            }
        }
    }
}

fn find<'l>(
    locale: &'l LocaleFiles,
    index: &BTreeMap<&str, (usize, usize)>,
    target: &str,
) -> Option<&'l EntryFacts> {
    index
        .get(target)
        .map(|&(fi, ei)| &locale.files[fi].entries[ei])
}

fn references(locale: &LocaleFiles, index: &BTreeMap<&str, (usize, usize)>, sink: &mut Sink<'_>) {
    for file in &locale.files {
        for entry in &file.entries {
            for (attribute, pattern) in entry.patterns() {
                let id = qualified(&entry.id, attribute);
                let mut reported = BTreeSet::new();
                for r in &pattern.references {
                    let problem = match find(locale, index, &r.target) {
                        None => Some(format!(
                            "references {} '{}', which {} does not define",
                            if r.target.starts_with('-') {
                                "term"
                            } else {
                                "message"
                            },
                            r.target,
                            locale.lang.tag()
                        )),
                        Some(target) => match &r.attribute {
                            Some(a) if !target.attributes.iter().any(|(n, _)| n == a) => {
                                Some(format!(
                                    "references '{}.{a}', but '{}' has no attribute '.{a}'",
                                    r.target, r.target
                                ))
                            }
                            None if target.value.is_none() => Some(format!(
                                "references '{}', which has no value (only attributes)",
                                r.target
                            )),
                            _ => None,
                        },
                    };
                    if let Some(message) = problem {
                        if reported.insert(message.clone()) {
                            sink.push(
                                &file.path,
                                pattern.line,
                                None,
                                Some(&id),
                                Rule::UnknownReference,
                                Severity::Error,
                                message,
                            );
                        }
                    }
                }
            }
        }
    }
}

/// A node of the reference graph: one pattern (an entry's value or one attribute).
struct Node<'l> {
    file: usize,
    entry: &'l EntryFacts,
    attribute: Option<&'l str>,
    pattern: &'l PatternFacts,
}

/// Patterns and the patterns they reference.
struct Graph<'l> {
    nodes: Vec<Node<'l>>,
    by_name: BTreeMap<(String, Option<String>), usize>,
}

impl<'l> Graph<'l> {
    fn new(locale: &'l LocaleFiles, index: &BTreeMap<&str, (usize, usize)>) -> Graph<'l> {
        let mut nodes = Vec::new();
        let mut by_name = BTreeMap::new();
        // Only the first definition of an id is the one Fluent uses.
        for (&id, &(fi, ei)) in index {
            let entry = &locale.files[fi].entries[ei];
            for (attribute, pattern) in entry.patterns() {
                by_name.insert((id.to_owned(), attribute.map(str::to_owned)), nodes.len());
                nodes.push(Node {
                    file: fi,
                    entry,
                    attribute,
                    pattern,
                });
            }
        }
        Graph { nodes, by_name }
    }

    fn target(&self, r: &Reference) -> Option<usize> {
        self.by_name
            .get(&(r.target.clone(), r.attribute.clone()))
            .copied()
    }

    fn edges(&self, n: usize) -> Vec<usize> {
        self.nodes[n]
            .pattern
            .references
            .iter()
            .filter_map(|r| self.target(r))
            .collect()
    }

    /// Reports each cycle once (at its first pattern in id order), then the placeables each
    /// pattern expands to, with references into a cycle counted as nothing.
    fn cycles_and_expansion(&self, locale: &LocaleFiles, sink: &mut Sink<'_>) {
        let n = self.nodes.len();
        // Iterative depth-first search: 0 unvisited, 1 on the stack, 2 done.
        let mut state = vec![0u8; n];
        let mut order = Vec::with_capacity(n);
        let mut in_cycle = vec![false; n];
        for start in 0..n {
            if state[start] != 0 {
                continue;
            }
            let mut stack: Vec<(usize, Vec<usize>, usize)> = vec![(start, self.edges(start), 0)];
            let mut path = vec![start];
            state[start] = 1;
            while let Some((node, edges, next)) = stack.last_mut() {
                if *next < edges.len() {
                    let to = edges[*next];
                    *next += 1;
                    match state[to] {
                        0 => {
                            state[to] = 1;
                            path.push(to);
                            let e = self.edges(to);
                            stack.push((to, e, 0));
                        }
                        1 => {
                            let from = path.iter().position(|&p| p == to).unwrap_or(0);
                            let cycle = &path[from..];
                            if cycle.iter().all(|&c| !in_cycle[c]) {
                                self.report_cycle(locale, cycle, sink);
                            }
                            for &c in cycle {
                                in_cycle[c] = true;
                            }
                        }
                        _ => {}
                    }
                } else {
                    state[*node] = 2;
                    order.push(*node);
                    path.pop();
                    stack.pop();
                }
            }
        }
        // `order` is post-order: every reference is costed before the patterns that use it.
        let mut cost = vec![0u64; n];
        for &node in &order {
            let pattern = self.nodes[node].pattern;
            let value = pattern.cost.as_ref().map_or(0, |c| {
                // A reference into a cycle is reported as the cycle; it counts as nothing here.
                // A reference into a cycle is reported as the cycle; it counts as nothing here.
                self.evaluate(c, &|r| match self.target(r) {
                    Some(t) if !in_cycle[t] => cost[t],
                    _ => 0,
                })
            });
            cost[node] = value;
            if value > MAX_PLACEABLES && !in_cycle[node] {
                let nd = &self.nodes[node];
                let own = pattern
                    .cost
                    .as_ref()
                    .map_or(0, |c| self.evaluate(c, &|_| 0));
                sink.push(
                    &locale.files[nd.file].path,
                    pattern.line,
                    None,
                    Some(&qualified(&nd.entry.id, nd.attribute)),
                    Rule::ReferenceExpansion,
                    Severity::Error,
                    if value == u64::MAX {
                        "expands to more placeables than can be counted (a placeable bomb); \
                         Fluent stops after 100"
                            .to_owned()
                    } else {
                        format!(
                            "expands to {value} placeables ({own} of its own, the rest through \
                             references); Fluent stops after {MAX_PLACEABLES} and the text is cut"
                        )
                    },
                );
            }
        }
    }

    fn report_cycle(&self, locale: &LocaleFiles, cycle: &[usize], sink: &mut Sink<'_>) {
        let names: Vec<String> = cycle
            .iter()
            .map(|&c| qualified(&self.nodes[c].entry.id, self.nodes[c].attribute))
            .collect();
        let first = cycle
            .iter()
            .copied()
            .min_by_key(|&c| qualified(&self.nodes[c].entry.id, self.nodes[c].attribute))
            .unwrap_or(cycle[0]);
        let node = &self.nodes[first];
        let pos = cycle.iter().position(|&c| c == first).unwrap_or(0);
        let mut ring: Vec<&str> = names[pos..]
            .iter()
            .chain(&names[..pos])
            .map(String::as_str)
            .collect();
        ring.push(&names[pos]);
        sink.push(
            &locale.files[node.file].path,
            node.pattern.line,
            None,
            Some(&names[pos]),
            Rule::ReferenceCycle,
            Severity::Error,
            format!(
                "references form a cycle: {}; Fluent cannot format it",
                ring.join(" → ")
            ),
        );
    }

    fn evaluate(&self, cost: &Cost, reference: &dyn Fn(&Reference) -> u64) -> u64 {
        match cost {
            Cost::Count(c) => *c,
            Cost::Ref(r) => reference(r),
            Cost::Sum(parts) => parts
                .iter()
                .fold(0u64, |a, p| a.saturating_add(self.evaluate(p, reference))),
            Cost::Max(parts) => parts
                .iter()
                .map(|p| self.evaluate(p, reference))
                .max()
                .unwrap_or(0),
        }
    }
}

/// Whether a selector picks on a number: `NUMBER(…)`, a number key, or keys that are all CLDR
/// plural categories (a `*[other]`-only selector on a variable counts too).
fn on_number(select: &Select) -> bool {
    select.number_function
        || select.numeric_key
        || (select.variable.is_some()
            && select
                .keys
                .iter()
                .all(|k| CLDR_CATEGORIES.contains(&k.as_str())))
}

fn plural_coverage(
    lang: Language,
    file: &std::path::Path,
    id: &str,
    select: &Select,
    sink: &mut Sink<'_>,
) {
    if !on_number(select) {
        return;
    }
    let categories = plural_categories(lang);
    let missing: Vec<&str> = categories
        .iter()
        .copied()
        .filter(|c| !select.keys.iter().any(|k| k == c))
        .collect();
    let what = select
        .variable
        .as_deref()
        .map_or_else(|| "the selector".to_owned(), |v| format!("${v}"));
    if !missing.is_empty() {
        sink.push(
            file,
            select.line,
            None,
            Some(id),
            Rule::PluralCoverage,
            Severity::Error,
            format!(
                "the selector on {what} has no variant for the plural categor{} {} of {} \
                 (it has: {}; needs: {})",
                if missing.len() == 1 { "y" } else { "ies" },
                missing.join(", "),
                lang.tag(),
                select.keys.join(", "),
                categories.join(", ")
            ),
        );
    }
    let never: Vec<&str> = select
        .keys
        .iter()
        .map(String::as_str)
        .filter(|k| CLDR_CATEGORIES.contains(k) && !categories.contains(k))
        .collect();
    if !never.is_empty() {
        sink.push(
            file,
            select.line,
            None,
            Some(id),
            Rule::PluralCoverage,
            Severity::Warning,
            format!(
                "the selector on {what} has variants for {}, which {} numbers never select \
                 (its categories: {})",
                never.join(", "),
                lang.tag(),
                categories.join(", ")
            ),
        );
    }
}

/// Rules of a translation against the reference locale: missing and obsolete messages and
/// attributes, `$variable` parity, and a value the source has but the translation lacks.
pub(crate) fn against_reference(
    reference: &LocaleFiles,
    locale: &LocaleFiles,
    sink: &mut Sink<'_>,
) {
    let ref_index = reference.index();
    let index = locale.index();
    // Missing messages are reported in the file the translation would have them in.
    for (&id, &(rfi, rei)) in &ref_index {
        let source = &reference.files[rfi].entries[rei];
        let Some(&(fi, ei)) = index.get(id) else {
            if source.is_term {
                // Terms are each locale's own vocabulary; translations need not mirror them.
                continue;
            }
            let rel = &reference.files[rfi].rel;
            let path = locale.dir.join(rel);
            sink.push(
                &path,
                0,
                None,
                Some(id),
                Rule::MissingMessage,
                Severity::Error,
                format!(
                    "not translated (the reference defines it at {}:{})",
                    reference.files[rfi].path.display(),
                    source.line
                ),
            );
            continue;
        };
        let file = &locale.files[fi];
        let entry = &file.entries[ei];
        if source.is_term {
            continue;
        }
        if source.value.is_some() && entry.value.is_none() {
            sink.push(
                &file.path,
                entry.line,
                None,
                Some(id),
                Rule::EmptyValue,
                Severity::Error,
                "has no value, but its source has one",
            );
        }
        for (name, _) in &source.attributes {
            if !entry.attributes.iter().any(|(n, _)| n == name) {
                sink.push(
                    &file.path,
                    entry.line,
                    None,
                    Some(&qualified(id, Some(name))),
                    Rule::MissingAttribute,
                    Severity::Error,
                    format!("attribute '.{name}' of the source is not translated"),
                );
            }
        }
        for (name, pattern) in &entry.attributes {
            if !source.attributes.iter().any(|(n, _)| n == name) {
                sink.push(
                    &file.path,
                    pattern.line,
                    None,
                    Some(&qualified(id, Some(name))),
                    Rule::ObsoleteAttribute,
                    Severity::Warning,
                    format!("the source has no attribute '.{name}'"),
                );
            }
        }
        variable_parity(source, entry, &file.path, sink);
        // A selector of the translation on a variable the source reads as a number.
        let numeric: BTreeSet<&str> = source
            .patterns()
            .flat_map(|(_, p)| p.selects.iter())
            .filter(|s| on_number(s))
            .filter_map(|s| s.variable.as_deref())
            .collect();
        for (attribute, pattern) in entry.patterns() {
            for select in &pattern.selects {
                let by_source = select
                    .variable
                    .as_deref()
                    .is_some_and(|v| numeric.contains(v));
                if by_source && !on_number(select) {
                    let qid = qualified(id, attribute);
                    plural_coverage_forced(locale.lang, &file.path, &qid, select, sink);
                }
            }
        }
    }
    for (&id, &(fi, ei)) in &index {
        let entry = &locale.files[fi].entries[ei];
        if entry.is_term || ref_index.contains_key(id) {
            continue;
        }
        sink.push(
            &locale.files[fi].path,
            entry.line,
            None,
            Some(id),
            Rule::ObsoleteMessage,
            Severity::Warning,
            "the reference locale no longer has this message",
        );
    }
}

/// A selector that is on a number because the source's is, though its own keys do not say so.
fn plural_coverage_forced(
    lang: Language,
    file: &std::path::Path,
    id: &str,
    select: &Select,
    sink: &mut Sink<'_>,
) {
    let mut forced = select.clone();
    forced.number_function = true;
    plural_coverage(lang, file, id, &forced, sink);
}

fn variable_parity(
    source: &EntryFacts,
    entry: &EntryFacts,
    path: &std::path::Path,
    sink: &mut Sink<'_>,
) {
    let mut patterns: Vec<(Option<&str>, &PatternFacts, Option<&PatternFacts>)> = Vec::new();
    if let Some(v) = &entry.value {
        patterns.push((None, v, source.value.as_ref()));
    }
    for (name, p) in &entry.attributes {
        let src = source
            .attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p);
        patterns.push((Some(name), p, src));
    }
    for (attribute, pattern, src) in patterns {
        let Some(src) = src else { continue };
        let missing: Vec<String> = src
            .variables
            .difference(&pattern.variables)
            .map(|v| format!("${v}"))
            .collect();
        let extra: Vec<String> = pattern
            .variables
            .difference(&src.variables)
            .map(|v| format!("${v}"))
            .collect();
        if missing.is_empty() && extra.is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        if !missing.is_empty() {
            parts.push(format!("lacks {} of the source", missing.join(", ")));
        }
        if !extra.is_empty() {
            parts.push(format!(
                "uses {}, which the source does not (the caller never passes {})",
                extra.join(", "),
                if extra.len() == 1 { "it" } else { "them" }
            ));
        }
        sink.push(
            path,
            pattern.line,
            None,
            Some(&qualified(&entry.id, attribute)),
            Rule::VariableParity,
            Severity::Error,
            parts.join("; "),
        );
    }
}
