//! The data-driven cases of `testdata/dates.cases` and a property test.

use proptest::prelude::*;

use super::*;

/// One expected mention: quote, value, precision, inferred.
type Expected = (String, String, String, bool);

struct Case {
    line: usize,
    anchor: Option<Date>,
    text: String,
    expected: Vec<Expected>,
}

fn parse_cases(src: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut anchor = None;
    for (n, line) in src.lines().enumerate() {
        let line_no = n + 1;
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(a) = line.strip_prefix("@anchor ") {
            anchor = match a.trim() {
                "none" => None,
                s => Some(
                    s.parse::<Date>()
                        .unwrap_or_else(|e| panic!("line {line_no}: bad anchor {s:?}: {e}")),
                ),
            };
        } else if let Some(text) = line.strip_prefix("> ") {
            cases.push(Case {
                line: line_no,
                anchor,
                text: text.to_owned(),
                expected: Vec::new(),
            });
        } else if let Some(exp) = line.strip_prefix("= ") {
            let case = cases
                .last_mut()
                .unwrap_or_else(|| panic!("line {line_no}: `=` before any `>`"));
            if exp.trim() == "-" {
                continue;
            }
            let parts: Vec<&str> = exp.split(" | ").map(str::trim).collect();
            let [quote, value, precision, how] = parts[..] else {
                panic!("line {line_no}: expected `quote | value | precision | stated|inferred`");
            };
            let inferred = match how {
                "inferred" => true,
                "stated" => false,
                other => panic!("line {line_no}: `{other}` is neither stated nor inferred"),
            };
            case.expected
                .push((quote.into(), value.into(), precision.into(), inferred));
        } else {
            panic!("line {line_no}: unreadable {line:?}");
        }
    }
    cases
}

#[test]
fn cases_file() {
    let src = include_str!("../../testdata/dates.cases");
    let cases = parse_cases(src);
    assert!(cases.len() > 50, "only {} cases read", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let got: Vec<Expected> = find_dates(&case.text, case.anchor)
            .into_iter()
            .map(|m| {
                (
                    case.text[m.span.clone()].to_owned(),
                    m.value,
                    m.precision.as_str().to_owned(),
                    m.inferred,
                )
            })
            .collect();
        if got != case.expected {
            failures.push(format!(
                "line {}: {:?}\n  expected {:?}\n  got      {:?}",
                case.line, case.text, case.expected, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn sorted_and_disjoint() {
    let text = "On March 3, 2024, a year ago, and last Friday; Sept. 3 in 2019-20, now.";
    let anchor = Date::new(2025, 3, 20).ok();
    let found = find_dates(text, anchor);
    assert!(found.len() >= 5, "{found:?}");
    assert!(found.windows(2).all(|w| w[0].span.end <= w[1].span.start));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Never panics, on any string; spans are non-empty, inside the text,
    /// on character boundaries, sorted and disjoint.
    #[test]
    fn never_panics(text in "(?s)\\PC{0,80}|[ 0-9a-zA-Z.,/'\u{2019}\u{2013}-]{0,60}|(March|Sept\\.|Friday|last|next|the|ago|a|year|quarter|third|[0-9]{1,4}|[,./' -]|é|日本){0,16}",
                     y in 1i16..=9999, m in 1i8..=12, d in 1i8..=28, anchored: bool) {
        let anchor = if anchored { Date::new(y, m, d).ok() } else { None };
        let found = find_dates(&text, anchor);
        let mut last = 0;
        for f in &found {
            prop_assert!(f.span.start < f.span.end);
            prop_assert!(f.span.end <= text.len());
            prop_assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
            prop_assert!(f.span.start >= last);
            last = f.span.end;
            prop_assert!(!f.value.is_empty());
        }
    }
}
