fn main() {
    let p = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&p).unwrap();
    let doc = baocao::ingest::read(&bytes, "pdf").unwrap();
    for l in doc.lines.iter() {
        println!("{:4} p{:?} |{}", l.no, l.page, l.text);
    }
}
