//! The catalog stage on the seeds: coverage, the hand-made equivalences
//! between seeds (`fixtures/indicator_equivalences.json`), and the DOCX
//! renderings getting the same ids as their seeds.

mod common;

use baocao::internals::fold;
use baocao::model::{Record, Row};
use common::{root, seeds};
use serde_json::Value as Json;

/// The seeds' records, by file-name prefix ("000" …).
fn seed_records() -> Vec<(String, Record)> {
    seeds()
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name[..3].to_string(), baocao::extract_file(&p))
        })
        .collect()
}

/// Every seed row gets an indicator id: at least 95 % of them.
#[test]
fn seed_rows_get_indicator_ids() {
    let (mut matched, mut total) = (0, 0);
    for (doc, rec) in seed_records() {
        for table in &rec.tables {
            for row in &table.rows {
                total += 1;
                match (&row.indicator_id, row.indicator_confidence) {
                    (Some(_), Some(c)) => {
                        assert!((0.0..=1.0).contains(&c), "{doc} {}: {c}", row.stt);
                        matched += 1;
                    }
                    (None, None) => eprintln!("{doc} {} {:?}: no indicator", row.stt, row.label),
                    other => panic!("{doc} {}: id and confidence disagree: {other:?}", row.stt),
                }
            }
        }
        let unknown = rec
            .warnings
            .iter()
            .filter(|w| w.code == "unknown_indicator");
        let tables_with_unknown = rec
            .tables
            .iter()
            .filter(|t| t.rows.iter().any(|r| r.indicator_id.is_none()))
            .count();
        assert_eq!(
            unknown.count(),
            tables_with_unknown,
            "{doc}: one warning per table"
        );
    }
    let share = matched as f64 / total as f64;
    println!(
        "indicator coverage: {matched}/{total} rows = {:.1} %",
        share * 100.0
    );
    assert!(share >= 0.95, "coverage {share:.3} < 0.95");
}

/// The row a reference of the equivalences file points at: doc by seed
/// prefix, table by title (folded) starting with or containing `table`,
/// row by STT and, when given, by label (folded, a prefix of the row's).
fn resolve<'a>(records: &'a [(String, Record)], r: &Json) -> &'a Row {
    let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
    let (doc, table, stt, label) = (s("doc"), fold(&s("table")), s("stt"), fold(&s("label")));
    let rec = &records.iter().find(|(d, _)| *d == doc).expect("seed").1;
    let rows: Vec<&Row> = rec
        .tables
        .iter()
        .filter(|t| fold(&t.title).starts_with(&table) || fold(&t.title).contains(&table))
        .flat_map(|t| &t.rows)
        .filter(|row| row.stt == stt)
        .filter(|row| label.is_empty() || fold(&row.label).starts_with(&label))
        .collect();
    assert_eq!(rows.len(), 1, "reference {r} names {} rows", rows.len());
    rows[0]
}

/// Rows the equivalences file calls the same indicator share one id; the
/// `distinct` pairs get two different ids.
#[test]
fn equivalent_rows_share_ids_and_distinct_rows_do_not() {
    let text = std::fs::read_to_string(root().join("fixtures/indicator_equivalences.json"))
        .expect("equivalences file");
    let eq: Json = serde_json::from_str(&text).expect("equivalences are JSON");
    let records = seed_records();
    let groups = eq["groups"].as_array().expect("groups");
    for group in groups {
        let ids: Vec<Option<&str>> = group
            .as_array()
            .unwrap()
            .iter()
            .map(|r| resolve(&records, r).indicator_id.as_deref())
            .collect();
        assert!(ids[0].is_some(), "{group}: no id");
        assert!(ids.iter().all(|id| *id == ids[0]), "{group}: ids {ids:?}");
    }
    let distinct = eq["distinct"].as_array().expect("distinct");
    for pair in distinct {
        let pair = pair.as_array().unwrap();
        let a = resolve(&records, &pair[0]).indicator_id.as_deref();
        let b = resolve(&records, &pair[1]).indicator_id.as_deref();
        assert!(
            a.is_some() && b.is_some() && a != b,
            "{pair:?}: {a:?} {b:?}"
        );
    }
    println!(
        "equivalences: {} groups agree, {} distinct pairs differ",
        groups.len(),
        distinct.len()
    );
}

/// Pairs of equal keys in order (a longest common subsequence), so a row
/// one front end split or missed costs only itself.
fn align<K: PartialEq>(a: &[K], b: &[K]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// The DOCX renderings of the gold reports (a different front end, same
/// content) get the seeds' ids row for row: every row both read alike (STT
/// and label) has the same id, and such rows are at least 98 % of the
/// rendering's (seed 003's PDF text lost letters and a cell).
#[test]
fn renderings_get_the_seed_ids() {
    let records = seed_records();
    let files = common::fixture_files(&["fixtures/rendered"], "docx");
    assert_eq!(files.len(), 5);
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let seed = &records
            .iter()
            .find(|(d, _)| name.starts_with(d.as_str()))
            .unwrap()
            .1;
        let rendered = baocao::extract_file(&path);
        let rows =
            |r: &Record| -> Vec<Row> { r.tables.iter().flat_map(|t| t.rows.clone()).collect() };
        let (ours, theirs) = (rows(&rendered), rows(seed));
        let key = |r: &Row| (r.stt.clone(), fold(&r.label));
        let pairs = align(
            &ours.iter().map(key).collect::<Vec<_>>(),
            &theirs.iter().map(key).collect::<Vec<_>>(),
        );
        for &(i, j) in &pairs {
            assert_eq!(
                ours[i].indicator_id, theirs[j].indicator_id,
                "{name}: row {} {:?}",
                ours[i].stt, ours[i].label
            );
        }
        let share = pairs.len() as f64 / ours.len() as f64;
        println!(
            "{name}: {}/{} rows aligned with the seed, same ids",
            pairs.len(),
            ours.len()
        );
        assert!(share >= 0.98, "{name}: only {share:.3} of the rows align");
        assert!(ours.iter().all(|r| r.indicator_id.is_some()), "{name}");
    }
}
