//! Word-level differences inside a literal passage: where two nearly
//! identical texts were edited, as pairs of differing stretches.

use std::ops::Range;

use crate::words::words;

/// How far ahead, in words on each side, a resynchronisation is looked
/// for after a difference.
const WINDOW: usize = 16;
/// Words that must match in a row to count as back in step.
const ANCHOR: usize = 2;

/// Whether two words are the same, case and apostrophe style aside.
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    let norm = |c: char| if c == '’' { '\'' } else { c };
    a.len().abs_diff(b.len()) <= 2
        && a.chars()
            .map(norm)
            .flat_map(char::to_lowercase)
            .eq(b.chars().map(norm).flat_map(char::to_lowercase))
}

/// The stretches where `a[ra]` and `b[rb]` differ, as byte ranges of
/// each text, in order. Both sides are read word by word; after a
/// mismatch the nearest point where [`ANCHOR`] words match again (within
/// [`WINDOW`] words on each side, the longer skip smallest) closes the
/// stretch. Stretches with
/// nothing on one side (a pure insertion or deletion) are left out: they
/// pair nothing.
pub(crate) fn hunks(
    a: &str,
    ra: Range<usize>,
    b: &str,
    rb: Range<usize>,
) -> Vec<(Range<usize>, Range<usize>)> {
    let wa = words(a, ra);
    let wb = words(b, rb);
    let fa: Vec<&str> = wa.iter().map(|w| w.text).collect();
    let fb: Vec<&str> = wb.iter().map(|w| w.text).collect();
    let in_step = |i: usize, j: usize| -> bool {
        (0..ANCHOR).all(|k| match (fa.get(i + k), fb.get(j + k)) {
            (Some(x), Some(y)) => same_word(x, y),
            // The end of both texts is in step; the end of one is not.
            (None, None) => true,
            _ => false,
        })
    };
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < fa.len() && j < fb.len() {
        if same_word(fa[i], fb[j]) {
            i += 1;
            j += 1;
            continue;
        }
        // The resynchronisation point with the smallest longer skip, then
        // the smallest shorter one: an edit replaces words more often
        // than it inserts them, and a repeated word further on ("Tate"
        // in "Catherine Tate (The Catherine Tate Show") must not pull the
        // stretch out of shape.
        let mut best = None;
        'search: for longer in 1..=WINDOW {
            for shorter in 0..=longer {
                for (di, dj) in [(longer, shorter), (shorter, longer)] {
                    if in_step(i + di, j + dj) {
                        best = Some((i + di, j + dj));
                        break 'search;
                    }
                }
            }
        }
        let (ni, nj) = best.unwrap_or((fa.len(), fb.len()));
        if ni > i && nj > j {
            out.push((
                wa[i].span.start..wa[ni - 1].span.end,
                wb[j].span.start..wb[nj - 1].span.end,
            ));
        }
        i = ni;
        j = nj;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff(a: &str, b: &str) -> Vec<(String, String)> {
        hunks(a, 0..a.len(), b, 0..b.len())
            .into_iter()
            .map(|(x, y)| (a[x].to_owned(), b[y].to_owned()))
            .collect()
    }

    #[test]
    fn substitutions_are_paired() {
        assert_eq!(
            diff(
                "Divers found the crack on March 9, 2026, in the third pier.",
                "Divers found the crack on March 9, 2025, in the third pier."
            ),
            [("2026".to_owned(), "2025".to_owned())]
        );
        assert_eq!(
            diff(
                "About 14,000 vehicles cross the bridge on a weekday.",
                "About 17,000 cars cross the bridge on an average weekday."
            ),
            [
                ("14,000 vehicles".to_owned(), "17,000 cars".to_owned()),
                ("a".to_owned(), "an average".to_owned())
            ]
        );
        // Pure insertions pair nothing; identical texts have no stretch.
        assert!(diff("the bridge is shut", "the old bridge is shut").is_empty());
        assert!(diff("same words here", "same words here").is_empty());
        assert!(diff("", "anything").is_empty());
    }
}
