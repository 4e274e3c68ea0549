//! `schema/record.schema.json` matches the records baocao really writes.
//!
//! A small walker (no JSON Schema crate): every key of a record must be
//! declared in the schema's `properties`, every `required` key must be
//! present, and `type`, `const` and `enum` must hold, recursively through
//! `$ref`, `anyOf` and array `items`.

use baocao::model::{
    Column, ErrorInfo, Level, OcrInfo, Period, PeriodKind, Record, Repair, Report, Role, Row,
    Source, Table, Unit, UnitSource, Value as Cell, ValueKind, Warning,
};
use serde_json::{json, Value};
use std::fs;
use std::process::Command;

fn schema() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/record.schema.json");
    let text = fs::read_to_string(path).expect("schema file");
    serde_json::from_str(&text).expect("the schema is valid JSON")
}

/// Follows a local `$ref` ("#/$defs/name").
fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').expect("local $ref");
            let target = root.pointer(pointer).expect("$ref target exists");
            resolve(root, target)
        }
        None => schema,
    }
}

fn type_matches(name: &str, value: &Value) -> bool {
    match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "integer" => value.is_u64() || value.is_i64(),
        "number" => value.is_number(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        other => panic!("unknown type {other} in the schema"),
    }
}

/// Problems of `value` against `schema`, each prefixed by its JSON path.
fn check(root: &Value, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
    let schema = resolve(root, schema);
    if let Some(branches) = schema.get("anyOf").and_then(Value::as_array) {
        let fits = branches.iter().find(|b| {
            let mut found = Vec::new();
            check(root, b, value, at, &mut found);
            found.is_empty()
        });
        if fits.is_none() {
            problems.push(format!("{at}: matches no anyOf branch"));
        }
        return;
    }
    if let Some(expected) = schema.get("const") {
        if expected != value {
            problems.push(format!("{at}: {value} is not {expected}"));
        }
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            problems.push(format!("{at}: {value} is not one of {options:?}"));
        }
    }
    match schema.get("type") {
        Some(Value::String(name)) if !type_matches(name, value) => {
            problems.push(format!("{at}: {value} is not of type {name}"));
        }
        Some(Value::Array(names))
            if !names
                .iter()
                .any(|n| type_matches(n.as_str().unwrap_or(""), value)) =>
        {
            problems.push(format!("{at}: {value} is not of types {names:?}"));
        }
        _ => {}
    }
    match value {
        Value::Object(map) => {
            let properties = schema.get("properties").and_then(Value::as_object);
            for (key, item) in map {
                match properties.and_then(|p| p.get(key)) {
                    Some(sub) => check(root, sub, item, &format!("{at}.{key}"), problems),
                    None => problems.push(format!("{at}.{key}: not declared in the schema")),
                }
            }
            for key in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let key = key.as_str().expect("required names are strings");
                if !map.contains_key(key) {
                    problems.push(format!("{at}.{key}: required but missing"));
                }
            }
        }
        Value::Array(items) => {
            if let Some(sub) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    check(root, sub, item, &format!("{at}[{i}]"), problems);
                }
            }
        }
        _ => {}
    }
}

fn assert_fits(record: &Value) {
    let root = schema();
    let mut problems = Vec::new();
    check(&root, &root, record, "$", &mut problems);
    assert!(problems.is_empty(), "{problems:#?}\n{record:#}");
}

/// A record with every optional field filled, built from the library model.
fn full_record() -> Record {
    let mut value = Cell::bare("523/525", ValueKind::Ratio);
    value.number = Some(99.62);
    value.numbers = vec![523.0, 525.0];
    value.numerator = Some(523.0);
    value.denominator = Some(525.0);
    value.meaning = Some("Hoàn thành".to_string());
    value.boolean = Some(true);
    Record {
        schema_version: baocao::SCHEMA_VERSION,
        source: Source {
            path: "r.txt".into(),
            format: "txt".into(),
            sha256: "0".repeat(64),
            bytes: 51105,
            pages: Some(3),
            ocr: Some(OcrInfo {
                engine: "tesseract".into(),
                version: "5.3.0".into(),
                languages: vec!["vie".into(), "eng".into()],
                pages: 3,
                mean_confidence: 0.912,
            }),
        },
        report: Report {
            unit: Unit {
                name: Some("UBND huyện Kbang".into()),
                level: Some(Level::Huyen),
                province: Some("Gia Lai".into()),
                source: Some(UnitSource::Heading),
                printed: Some("ỦY BAN NHÂN DÂN HUYỆN KBANG".into()),
            },
            period: Some(Period {
                kind: PeriodKind::Quarter,
                year: Some(2023),
                quarter: Some(1),
                label: "quý I năm 2023".into(),
            }),
            number: Some("599/BC-SXD".into()),
            date: Some("2021-03-19".into()),
            signer: Some("Lê Anh Tuấn".into()),
            title: Some("Tình hình thực hiện công tác cải cách hành chính".into()),
        },
        tables: vec![Table {
            title: "Biểu mẫu 2 - Cải cách thể chế".into(),
            page: Some(2),
            columns: vec![
                Column {
                    header: vec!["STT".into()],
                    role: Role::Stt,
                    unit: None,
                    period: None,
                },
                Column {
                    header: vec!["Kết quả".into(), "Quý I/2026".into()],
                    role: Role::Value,
                    unit: Some("%".into()),
                    period: Some("Quý I/2026".into()),
                },
            ],
            rows: vec![Row {
                stt: "1.2".into(),
                depth: 2,
                parent: Some("1".into()),
                total: false,
                label: "Số văn bản".into(),
                label_key: "Số văn bản".into(),
                group: String::new(),
                unit: "Văn bản".into(),
                cells: vec![value.clone()],
                value,
                note: String::new(),
                footnotes: vec![4],
                line: 812,
                page: Some(2),
                indicator_id: Some("tthc.so_tthc.cap_huyen".into()),
                indicator_confidence: Some(0.9),
                confidence: Some(0.87),
                repairs: vec![Repair {
                    line: 812,
                    damaged: "đ ng".into(),
                    restored: "đúng".into(),
                }],
            }],
        }],
        warnings: vec![Warning::new("duplicate_stt", "STT 1.2 appears twice")],
        error: Some(ErrorInfo {
            code: "internal".into(),
            message: "x".into(),
        }),
    }
}

#[test]
fn the_schema_is_json_schema_2020_12() {
    let root = schema();
    assert_eq!(
        root["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(
        root["properties"]["schema_version"]["const"],
        baocao::SCHEMA_VERSION
    );
}

#[test]
fn a_fully_populated_record_fits_the_schema() {
    let record = serde_json::to_value(full_record()).expect("serialise");
    assert_fits(&record);
}

#[test]
fn a_bare_value_omits_optional_keys_and_fits() {
    let mut record = full_record();
    record.tables[0].rows[0].value = Cell::bare("", ValueKind::Empty);
    record.tables[0].rows[0].parent = None;
    record.report.period = None;
    record.error = None;
    let record = serde_json::to_value(record).expect("serialise");
    let value = &record["tables"][0]["rows"][0]["value"];
    assert_eq!(value, &json!({"raw": "", "kind": "empty", "number": null}));
    assert_fits(&record);
}

#[test]
fn records_written_by_the_cli_fit_the_schema() {
    let dir = std::env::temp_dir().join(format!("baocao-schema-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("temp dir");
    let report = dir.join("report.txt");
    fs::write(
        &report,
        "UBND HUYỆN KBANG\nBÁO CÁO\nCông tác cải cách hành chính quý I năm 2023\n",
    )
    .expect("write input");
    let missing = dir.join("missing.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("extract")
        .arg(&report)
        .arg(&missing)
        .output()
        .expect("run baocao");
    let _ = fs::remove_dir_all(&dir);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let records: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(records.len(), 2);
    for record in &records {
        assert_fits(record);
    }
}

#[test]
fn the_walker_catches_undeclared_and_missing_keys() {
    let root = schema();
    let mut record = serde_json::to_value(full_record()).expect("serialise");
    record["source"]["extra"] = json!(1);
    if let Some(report) = record["report"].as_object_mut() {
        report.remove("signer");
    }
    let mut problems = Vec::new();
    check(&root, &root, &record, "$", &mut problems);
    assert!(problems.iter().any(|p| p.contains("$.source.extra")));
    assert!(problems.iter().any(|p| p.contains("$.report.signer")));
}
