//! The catalogue file (`patterns/indicators.toml`): parsed, checked and
//! prepared for matching.

use super::matcher::Unit;
use super::text::{padded, Form};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The shipped catalogue's text.
pub const SOURCE: &str = include_str!("../../patterns/indicators.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    areas: BTreeMap<String, RawArea>,
    indicator: Vec<Indicator>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    name: String,
    title_words: Vec<String>,
}

/// One reporting area ("tthc": Cải cách thủ tục hành chính).
#[derive(Debug, Clone)]
pub struct Area {
    /// Area id, the first part of its indicators' ids.
    pub id: String,
    /// Vietnamese name.
    pub name: String,
    /// Title words as written in the file.
    pub title_words: Vec<String>,
    /// `title_words` folded, with spaces around, for whole-word search.
    pub(super) title_keys: Vec<String>,
}

/// One catalogue entry, as written in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Stable dotted ASCII id ("tthc.so_tthc.cap_huyen").
    pub id: String,
    /// Vietnamese name.
    pub name: String,
    /// Id of the area it belongs to.
    pub area: String,
    /// Expected unit ("" when none).
    pub unit: String,
    /// Id of the enclosing indicator; `None` at the top.
    #[serde(default)]
    pub parent: Option<String>,
    /// Labels as printed in reports.
    pub wordings: Vec<String>,
    /// The children's values add up to this row's value.
    #[serde(default)]
    pub sum_of_children: bool,
    /// A percentage row: `[numerator id, denominator id]`, value = num / den × 100.
    #[serde(default)]
    pub ratio: Option<[String; 2]>,
}

/// The catalogue, checked and prepared for matching.
#[derive(Debug)]
pub struct Catalog {
    /// Areas in id order.
    pub areas: Vec<Area>,
    /// Indicators in file order.
    pub indicators: Vec<Indicator>,
    /// Prepared wordings of each indicator.
    pub(super) forms: Vec<Vec<Form>>,
    /// Index of each indicator's parent.
    pub(super) parents: Vec<Option<usize>>,
    /// Index of each indicator's area in `areas`.
    pub(super) area_of: Vec<usize>,
    /// Whether an indicator has children.
    pub(super) has_children: Vec<bool>,
    /// Expected unit of each indicator, prepared.
    pub(super) units: Vec<Unit>,
    /// Indicators by exact folded wording (`Form::key`) and by wording core.
    pub(super) by_key: BTreeMap<String, BTreeSet<usize>>,
    /// Index of the indicator whose id is an area's id (its section row).
    pub(super) area_sections: Vec<Option<usize>>,
}

impl Catalog {
    /// Parses and checks a catalogue: ids unique and well formed, parents,
    /// areas and ratio ids known, no parent cycles, wordings non-empty.
    pub fn parse(source: &str) -> Result<Catalog, String> {
        let raw: RawFile = toml::from_str(source).map_err(|e| e.to_string())?;
        let areas: Vec<Area> = raw
            .areas
            .into_iter()
            .map(|(id, a)| Area {
                title_keys: a.title_words.iter().map(|w| padded(w)).collect(),
                id,
                name: a.name,
                title_words: a.title_words,
            })
            .collect();
        let indicators = raw.indicator;
        let index = index_ids(&indicators)?;
        let find = |id: &str, what: &str, of: &str| {
            index
                .get(id)
                .copied()
                .ok_or_else(|| format!("{of}: unknown {what} id {id}"))
        };
        let mut parents = Vec::with_capacity(indicators.len());
        let mut area_of = Vec::with_capacity(indicators.len());
        let mut forms = Vec::with_capacity(indicators.len());
        let mut by_key: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
        for (i, ind) in indicators.iter().enumerate() {
            parents.push(match &ind.parent {
                Some(p) => Some(find(p, "parent", &ind.id)?),
                None => None,
            });
            area_of.push(
                areas
                    .iter()
                    .position(|a| a.id == ind.area)
                    .ok_or_else(|| format!("{}: unknown area {}", ind.id, ind.area))?,
            );
            if let Some(ratio) = &ind.ratio {
                for id in ratio {
                    find(id, "ratio", &ind.id)?;
                }
            }
            let prepared = wording_forms(ind)?;
            for f in &prepared {
                by_key.entry(f.key.clone()).or_default().insert(i);
                by_key.entry(f.core.clone()).or_default().insert(i);
            }
            forms.push(prepared);
        }
        check_no_cycles(&indicators, &parents)?;
        let mut has_children = vec![false; indicators.len()];
        for p in parents.iter().flatten() {
            has_children[*p] = true;
        }
        let area_sections = areas
            .iter()
            .map(|a| index.get(a.id.as_str()).copied())
            .collect();
        let units = indicators.iter().map(|i| Unit::new(&i.unit)).collect();
        Ok(Catalog {
            areas,
            indicators,
            forms,
            parents,
            area_of,
            has_children,
            units,
            by_key,
            area_sections,
        })
    }

    /// The indicator with this id.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// Whether `ancestor` encloses indicator `i` (its parent, the parent's
    /// parent …).
    pub(super) fn is_ancestor(&self, ancestor: usize, i: usize) -> bool {
        let mut at = self.parents[i];
        let mut steps = 0;
        while let Some(p) = at {
            if p == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.parents.len() {
                return false;
            }
            at = self.parents[p];
        }
        false
    }

    /// The area a table title announces: the area with the longest title
    /// word found in it (whole words, folded); `None` when none is.
    pub fn title_area(&self, title: &str) -> Option<usize> {
        let title = padded(title);
        let mut best: Option<(usize, usize)> = None;
        for (a, area) in self.areas.iter().enumerate() {
            for w in &area.title_keys {
                if w.trim().is_empty() || !title.contains(w.as_str()) {
                    continue;
                }
                if best.is_none_or(|(_, len)| w.len() > len) {
                    best = Some((a, w.len()));
                }
            }
        }
        best.map(|(a, _)| a)
    }
}

/// Each indicator's position by id; ids are well formed and unique.
fn index_ids(indicators: &[Indicator]) -> Result<BTreeMap<&str, usize>, String> {
    let mut index = BTreeMap::new();
    for (i, ind) in indicators.iter().enumerate() {
        check_id(&ind.id)?;
        if index.insert(ind.id.as_str(), i).is_some() {
            return Err(format!("indicator id {} appears twice", ind.id));
        }
    }
    Ok(index)
}

/// An indicator's wordings prepared for matching; at least one, none empty.
fn wording_forms(ind: &Indicator) -> Result<Vec<Form>, String> {
    let prepared: Vec<Form> = ind.wordings.iter().map(|w| Form::new(w)).collect();
    if prepared.is_empty() || prepared.iter().any(Form::is_empty) {
        return Err(format!(
            "{}: every indicator needs non-empty wordings",
            ind.id
        ));
    }
    Ok(prepared)
}

/// No indicator is its own ancestor.
fn check_no_cycles(indicators: &[Indicator], parents: &[Option<usize>]) -> Result<(), String> {
    for start in 0..indicators.len() {
        let mut seen = 0;
        let mut at = parents[start];
        while let Some(p) = at {
            seen += 1;
            if seen > indicators.len() {
                return Err(format!(
                    "{}: its parents form a cycle",
                    indicators[start].id
                ));
            }
            at = parents[p];
        }
    }
    Ok(())
}

/// Ids are dotted ASCII: lower-case letters, digits and `_`, no empty part.
fn check_id(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "indicator id {id:?} is not dotted lower-case ASCII"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_catalogue_is_valid() {
        let cat = Catalog::parse(SOURCE).expect("patterns/indicators.toml is valid");
        assert_eq!(cat.areas.len(), 7);
        assert!(cat.indicators.len() > 200);
        // Every area has its section entry, and ids start with their area.
        assert!(cat.area_sections.iter().all(Option::is_some));
        for ind in &cat.indicators {
            assert!(
                ind.id.split('.').next() == Some(ind.area.as_str()),
                "{}",
                ind.id
            );
            if let Some([num, den]) = &ind.ratio {
                assert_ne!(num, den, "{}", ind.id);
                assert!(ind.unit == "%", "{}: a ratio row is a percentage", ind.id);
            }
        }
        let huyen = cat
            .get("tthc.so_tthc.cap_huyen")
            .expect("the example of docs/architecture.md");
        assert_eq!(huyen.parent.as_deref(), Some("tthc.so_tthc"));
    }

    #[test]
    fn bad_catalogues_are_refused() {
        let area = "[areas]\na = { name = \"A\", title_words = [\"x\"] }\n";
        let entry = |id: &str, extra: &str| {
            format!("[[indicator]]\nid = \"{id}\"\nname = \"n\"\narea = \"a\"\nunit = \"\"\nwordings = [\"w {id}\"]\n{extra}\n")
        };
        let ok = format!("{area}{}", entry("a", ""));
        assert!(Catalog::parse(&ok).is_ok());
        let twice = format!("{area}{}{}", entry("a", ""), entry("a", ""));
        assert!(Catalog::parse(&twice).unwrap_err().contains("twice"));
        let orphan = format!("{area}{}", entry("a.b", "parent = \"a.c\""));
        assert!(Catalog::parse(&orphan).unwrap_err().contains("parent"));
        let upper = format!("{area}{}", entry("A.b", ""));
        assert!(Catalog::parse(&upper).is_err());
        let ratio = format!("{area}{}", entry("a", "ratio = [\"a\", \"a.x\"]"));
        assert!(Catalog::parse(&ratio).unwrap_err().contains("ratio"));
        let cycle = format!(
            "{area}{}{}",
            entry("a", "parent = \"a.b\""),
            entry("a.b", "parent = \"a\"")
        );
        assert!(Catalog::parse(&cycle).unwrap_err().contains("cycle"));
        let unknown_field = format!("{area}{}", entry("a", "sum = true"));
        assert!(Catalog::parse(&unknown_field).is_err());
    }

    #[test]
    fn titles_announce_areas() {
        let cat = Catalog::parse(SOURCE).unwrap();
        let area = |t: &str| cat.title_area(t).map(|a| cat.areas[a].id.as_str());
        assert_eq!(
            area("Biểu mẫu 3 - Cải cách thủ tục hành chính"),
            Some("tthc")
        );
        assert_eq!(
            area("Phụ lục 1 - Thông kê các chỉ tiêu tại lĩnh vực chỉ đạo, điều hành cải cách hành chính"),
            Some("chi_dao")
        );
        assert_eq!(
            area("Phụ lục 4 - Thống kê và so sánh số lượng tổ chức, biên chế cơ quan, đơn vị"),
            Some("bo_may")
        );
        assert_eq!(
            area("THỐNG KÊ SỐ LIỆU VỀ KẾT QUẢ THỰC HIỆN CÔNG TÁC CẢI CÁCH HÀNH CHÍNH"),
            None
        );
    }
}
