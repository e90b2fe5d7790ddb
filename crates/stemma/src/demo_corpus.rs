//! The built-in demo corpus: `examples/demo/` compiled into the binary,
//! so that `stemma demo` works from any directory.

/// `(file name, content)` of every demo article, sorted by name.
pub const FILES: &[(&str, &str)] = &[
    (
        "01_tane_valley_courier.txt",
        include_str!("../../../examples/demo/01_tane_valley_courier.txt"),
    ),
    (
        "02_newsline_daily.txt",
        include_str!("../../../examples/demo/02_newsline_daily.txt"),
    ),
    (
        "03_trendpulse_daily.txt",
        include_str!("../../../examples/demo/03_trendpulse_daily.txt"),
    ),
    (
        "04_newshive24.txt",
        include_str!("../../../examples/demo/04_newshive24.txt"),
    ),
    (
        "05_northshore_ledger.txt",
        include_str!("../../../examples/demo/05_northshore_ledger.txt"),
    ),
    (
        "06_coastal_press_service.txt",
        include_str!("../../../examples/demo/06_coastal_press_service.txt"),
    ),
    (
        "07_tane_valley_courier_arts.txt",
        include_str!("../../../examples/demo/07_tane_valley_courier_arts.txt"),
    ),
    (
        "08_meridale_sports_review.txt",
        include_str!("../../../examples/demo/08_meridale_sports_review.txt"),
    ),
    (
        "09_orchard_and_field_weekly.txt",
        include_str!("../../../examples/demo/09_orchard_and_field_weekly.txt"),
    ),
    (
        "10_ridgeland_gazette.txt",
        include_str!("../../../examples/demo/10_ridgeland_gazette.txt"),
    ),
];

#[cfg(test)]
mod tests {
    /// The embedded list must match the folder, or the demo and
    /// `stemma analyze examples/demo` would disagree.
    #[test]
    fn matches_the_examples_folder() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/demo");
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("examples/demo exists")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let embedded: Vec<&str> = super::FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, embedded);
    }
}
