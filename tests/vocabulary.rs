//! Every variant of each vocabulary in `patterns/` read through the whole
//! pipeline (`extract_bytes`): each assignment sign and percent word of
//! `values.toml`, each level word and period word of `meta.toml`. The
//! variants come from the files, so a word added there is tested here.

use baocao::{extract_bytes, Level, PeriodKind, Record, ValueKind};

fn patterns(name: &str) -> toml::Table {
    let path = format!("{}/patterns/{name}", env!("CARGO_MANIFEST_DIR"));
    toml::from_str(&std::fs::read_to_string(path).expect("patterns file")).expect("valid TOML")
}

/// The strings of `table[section][key]` (a list or one string).
fn words(table: &toml::Table, section: &str, key: &str) -> Vec<String> {
    match &table[section][key] {
        toml::Value::Array(a) => a
            .iter()
            .map(|v| v.as_str().expect("a string").to_string())
            .collect(),
        v => vec![v.as_str().expect("a string").to_string()],
    }
}

/// A one-table report whose only row has `unit` and `value`.
fn report_with_row(unit: &str, value: &str) -> Record {
    let text = format!(
        "BÁO CÁO\nKết quả cải cách hành chính quý I năm 2023\n\
         STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n1\tChỉ tiêu thử\t{unit}\t{value}\n"
    );
    extract_bytes("r.txt", text.as_bytes())
}

fn only_row(record: &Record) -> &baocao::Row {
    let rows: Vec<_> = record.tables.iter().flat_map(|t| &t.rows).collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    rows[0]
}

#[test]
fn every_assignment_sign_makes_a_coded_unit() {
    let signs = words(&patterns("values.toml"), "codes", "assign");
    assert!(signs.len() >= 2, "{signs:?}");
    for sign in signs {
        let unit = format!("Có {sign} 1; Không {sign} 0");
        for layout in [&unit, &unit.replace("; ", " ")] {
            let record = report_with_row(layout, "1");
            let row = only_row(&record);
            assert_eq!(row.value.kind, ValueKind::Code, "{layout}");
            assert_eq!(row.value.number, Some(1.0), "{layout}");
        }
    }
}

#[test]
fn every_percent_sign_and_word_makes_a_percentage() {
    let vocab = patterns("values.toml");
    let mut units = words(&vocab, "percent", "signs");
    units.extend(words(&vocab, "percent", "unit_words"));
    assert!(units.iter().any(|u| u == "phần trăm"), "{units:?}");
    for unit in units {
        let record = report_with_row(&unit, "98,5");
        let row = only_row(&record);
        assert_eq!(row.value.kind, ValueKind::Percent, "{unit}");
        assert_eq!(row.value.number, Some(98.5), "{unit}");
    }
}

#[test]
fn every_level_word_gives_its_level() {
    let meta = patterns("meta.toml");
    let levels = meta["levels"].as_array().expect("[[levels]]");
    assert!(levels.len() >= 4);
    for level in levels {
        let printed = level["printed"].as_str().expect("printed");
        let expected: Level =
            serde_json::from_value(serde_json::json!(level["level"].as_str())).expect("a level");
        let text = format!(
            "BÁO CÁO\nỦy ban nhân dân {printed} Hạ Hòa báo cáo kết quả năm 2021 như sau:\n"
        );
        let record = extract_bytes("r.txt", text.as_bytes());
        let unit = &record.report.unit;
        assert_eq!(unit.level, Some(expected), "{printed}: {unit:?}");
    }
}

#[test]
fn every_period_word_gives_its_period() {
    let period = patterns("meta.toml");
    let quarter = words(&period, "period", "quarter");
    let year = words(&period, "period", "year");
    let mut cases: Vec<(String, PeriodKind)> = Vec::new();
    for q in &quarter {
        for y in &year {
            cases.push((format!("{q} II {y} 2023"), PeriodKind::Quarter));
        }
    }
    for (key, kind) in [
        ("half", PeriodKind::Half),
        ("nine_months", PeriodKind::NineMonths),
    ] {
        for w in words(&period, "period", key) {
            cases.push((format!("{w} 2023"), kind));
        }
    }
    for y in &year {
        cases.push((format!("{y} 2023"), PeriodKind::Year));
    }
    for (phrase, kind) in cases {
        let text = format!("BÁO CÁO\nKết quả cải cách hành chính {phrase}\n");
        let record = extract_bytes("r.txt", text.as_bytes());
        let found = record.report.period.as_ref().map(|p| (p.kind, p.year));
        assert_eq!(found, Some((kind, Some(2023))), "{phrase}");
    }
}
