//! Same input, same output, whatever the thread count.

mod common;

use stemma_sketch::{Config, Sketcher};

#[test]
fn one_and_four_threads_agree() {
    let corpus = common::corpus(11);
    let sk = Sketcher::new(Config::default()).expect("default config");
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        pool.install(|| {
            let sketches = common::sketch_all(&sk, &corpus.texts);
            let candidates = sk.candidates(&sketches);
            (sketches, candidates)
        })
    };
    let (s1, c1) = run(1);
    let (s4, c4) = run(4);
    assert!(!c1.pairs.is_empty());
    assert_eq!(s1, s4);
    assert_eq!(c1, c4);
    // And from one run to the next.
    assert_eq!(run(4).1, c4);
}
