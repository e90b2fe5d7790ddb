//! Synthetic news-reuse corpora with ground truth.

pub mod truth;
