use super::*;
use lopdf::content::Content;
use lopdf::Object;
use proptest::prelude::*;

/// Every operator with its operands, as owned values.
fn ops(data: &[u8]) -> Vec<(Vec<u8>, Vec<Operand<'static>>)> {
    let mut out = Vec::new();
    Ops::new(data).for_each(|op, operands| {
        out.push((op.to_vec(), operands.iter().map(owned).collect()));
    });
    out
}

fn owned(o: &Operand<'_>) -> Operand<'static> {
    match o {
        Operand::Number(n) => Operand::Number(*n),
        Operand::Name(n) => Operand::Name(Cow::Owned(n.to_vec())),
        Operand::Str(s) => Operand::Str(Cow::Owned(s.to_vec())),
        Operand::Array(a) => Operand::Array(a.iter().map(owned).collect()),
        Operand::Other => Operand::Other,
    }
}

fn num(n: f32) -> Operand<'static> {
    Operand::Number(n)
}

fn bytes(s: &[u8]) -> Cow<'static, [u8]> {
    Cow::Owned(s.to_vec())
}

#[test]
fn text_operators_and_their_operands() {
    let data = b"BT /F1 12 Tf 1 0 0 1 72.5 -700 Tm (Hello \\(x\\) \\101\\n) Tj \
                 [(A) -250 <0041 00 42>] TJ .5 TL T* ET";
    let got = ops(data);
    let names: Vec<&[u8]> = got.iter().map(|(op, _)| op.as_slice()).collect();
    assert_eq!(
        names,
        [&b"BT"[..], b"Tf", b"Tm", b"Tj", b"TJ", b"TL", b"T*", b"ET"]
    );
    assert_eq!(got[1].1, [Operand::Name(bytes(b"F1")), num(12.0)]);
    assert_eq!(got[2].1[4..], [num(72.5), num(-700.0)]);
    assert_eq!(got[3].1, [Operand::Str(bytes(b"Hello (x) A\n"))]);
    assert_eq!(
        got[4].1,
        [Operand::Array(vec![
            Operand::Str(bytes(b"A")),
            num(-250.0),
            Operand::Str(bytes(&[0x00, 0x41, 0x00, 0x42])),
        ])]
    );
    assert_eq!(got[5].1, [num(0.5)]);
}

#[test]
fn dictionaries_comments_and_inline_images_are_stepped_over() {
    let data = b"/Span <</MCID 3 /Alt (a>>b) /K [1 2]>> BDC % a comment Tj\n\
                 BI /W 2 /H 1 /BPC 8 ID \x00EI\xffEI x\nEI Q EMC true false null re";
    let got = ops(data);
    let names: Vec<&[u8]> = got.iter().map(|(op, _)| op.as_slice()).collect();
    // The inline image is reported as drawn ("BI"), its data stepped over.
    assert_eq!(names, [&b"BDC"[..], b"BI", b"Q", b"EMC", b"re"]);
    assert_eq!(got[0].1, [Operand::Name(bytes(b"Span")), Operand::Other]);
    assert_eq!(got[4].1, [Operand::Other, Operand::Other, Operand::Other]);
}

#[test]
fn names_strings_and_numbers_decode() {
    let data = b"/A#20B (nested (parens) ok) (line\\\ncontinued) <4142 3> 4. -.5 +3 Do";
    let got = ops(data);
    assert_eq!(
        got[0].1,
        [
            Operand::Name(bytes(b"A B")),
            Operand::Str(bytes(b"nested (parens) ok")),
            Operand::Str(bytes(b"linecontinued")),
            Operand::Str(bytes(b"AB0")),
            num(4.0),
            num(-0.5),
            num(3.0),
        ]
    );
}

#[test]
fn unterminated_content_ends_quietly() {
    for data in [
        &b"(never closed"[..],
        b"<41",
        b"[1 2",
        b"<< /A [",
        b"BI /W 1 ID abc",
        b"\\",
        b"/",
        b"1e9999 99999999999999999999999999999999999999999 Td",
    ] {
        let _ = ops(data);
    }
    let deep = "[".repeat(10_000) + " Tj";
    assert_eq!(ops(deep.as_bytes()).len(), 0);
}

/// lopdf's reading of the same operand.
fn same(ours: &Operand<'_>, theirs: &Object) -> bool {
    match (ours, theirs) {
        (Operand::Number(a), o) => o
            .as_float()
            .is_ok_and(|b| (a - b).abs() <= 1e-3 * b.abs().max(1.0)),
        (Operand::Name(a), Object::Name(b)) => a.as_ref() == b.as_slice(),
        (Operand::Str(a), Object::String(b, _)) => a.as_ref() == b.as_slice(),
        (Operand::Array(a), Object::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Operand::Other, Object::Dictionary(_) | Object::Boolean(_) | Object::Null) => true,
        _ => false,
    }
}

fn operand() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        (-100_000i32..100_000).prop_map(|n| n.to_string()),
        (-10_000i32..10_000, 1u32..4).prop_map(|(n, d)| format!(
            "{:.*}",
            d as usize,
            n as f32 / 7.0
        )),
        "[A-Za-z][A-Za-z0-9]{0,6}".prop_map(|n| format!("/{n}")),
        "[a-zA-Z0-9 ,.]{0,12}".prop_map(|s| format!("({s})")),
        "[a-z]{0,4}".prop_map(|s| format!("(a\\({s}\\) \\n\\101)")),
        proptest::collection::vec(any::<u8>(), 0..6).prop_map(|b| {
            format!(
                "<{}>",
                b.iter().map(|x| format!("{x:02X}")).collect::<String>()
            )
        }),
        Just("<< /MCID 4 /K [1 2] >>".to_string()),
        Just("true".to_string()),
        Just("null".to_string()),
    ];
    leaf.prop_recursive(2, 12, 5, |inner| {
        proptest::collection::vec(inner, 0..5).prop_map(|v| format!("[{}]", v.join(" ")))
    })
}

fn operation() -> impl Strategy<Value = String> {
    let ops = prop_oneof![
        Just("Tj"),
        Just("TJ"),
        Just("Td"),
        Just("Tf"),
        Just("cm"),
        Just("BDC"),
        Just("'"),
        Just("\""),
        Just("T*"),
        Just("re"),
    ];
    (proptest::collection::vec(operand(), 0..6), ops)
        .prop_map(|(operands, op)| format!("{} {op}", operands.join(" ")))
}

proptest! {
    #[test]
    fn reads_like_lopdf(stream in proptest::collection::vec(operation(), 0..12)) {
        let data = stream.join("\n");
        let theirs = Content::decode(data.as_bytes()).expect("lopdf reads the stream");
        let ours = ops(data.as_bytes());
        prop_assert_eq!(ours.len(), theirs.operations.len(), "{}", data);
        for ((op, operands), theirs) in ours.iter().zip(&theirs.operations) {
            prop_assert_eq!(op.as_slice(), theirs.operator.as_bytes());
            prop_assert_eq!(operands.len(), theirs.operands.len(), "{}", data);
            for (a, b) in operands.iter().zip(&theirs.operands) {
                prop_assert!(same(a, b), "{:?} vs {:?} in {}", a, b, data);
            }
        }
    }

    #[test]
    fn any_bytes_are_read_without_panic(data in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = ops(&data);
    }
}
