//! JSONL, TSV and Wikidata `RecordReader`s over arbitrary bytes: never
//! panic, always end. The first byte picks the options.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polyonym::dict::sources::{InputFormat, RecordReader, SourceOptions};

fuzz_target!(|data: &[u8]| {
    let (flags, input) = match data.split_first() {
        Some((f, rest)) => (*f, rest),
        None => (0, data),
    };
    let options = SourceOptions {
        skip_bad_records: flags & 1 != 0,
        languages: (flags & 2 != 0).then(|| vec!["en".to_string(), "zh".to_string()]),
        // Small limits sometimes, to reach the too-long-line path.
        max_line_bytes: if flags & 4 != 0 { 64 } else { 64 << 20 },
        max_skipped: if flags & 8 != 0 { 2 } else { 100_000 },
    };
    for format in [InputFormat::Jsonl, InputFormat::Tsv, InputFormat::Wikidata] {
        let reader = RecordReader::new(input, format, options.clone());
        let mut n = 0usize;
        for item in reader {
            n += 1;
            // One item per line at most, plus a final TSV group.
            assert!(n <= input.len() + 2, "more items than lines");
            if let Ok((_line, record)) = item {
                let _ = record.validate();
            }
        }
    }
});
