//! `Dictionary::from_bytes` on arbitrary bytes must return an error or a
//! dictionary whose accessors never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polyonym::Dictionary;

fuzz_target!(|data: &[u8]| {
    let Ok(dict) = Dictionary::from_bytes(data) else {
        return;
    };
    let _ = dict.info();
    let entities = dict.entity_count();
    let aliases = dict.alias_count();
    let mut keys = Vec::new();
    let mut visited = 0usize;
    dict.for_each_key(|key, postings| {
        visited += 1;
        if keys.len() < 64 {
            keys.push(key.to_vec());
        }
        for p in postings.take(1_000) {
            let _ = dict.alias(p.alias);
        }
    });
    for key in &keys {
        let key = String::from_utf8_lossy(key);
        let _ = dict.entity_frequency(&key);
        for p in dict.lookup(&key).take(1_000) {
            if let Ok(a) = dict.alias(p.alias) {
                let _ = dict.entity(a.entity);
            }
        }
    }
    for i in 0..entities.min(1_000) {
        if let Ok(e) = dict.entity(i) {
            let id = e.id.to_string();
            let _ = dict.entity_by_id(&id);
        }
    }
    for i in 0..aliases.min(1_000) {
        let _ = dict.alias(i);
    }
    // Name-part groups: the first ids, and those of two names the seeds
    // carry.
    let mut groups: Vec<u32> = (0..64).collect();
    groups.extend(polyonym::knowledge::name_parts::groups("wang"));
    groups.extend(polyonym::knowledge::name_parts::groups("vladimir"));
    groups.push(u32::MAX);
    for g in groups {
        let postings = dict.name_part_group(g);
        let _ = postings.remaining();
        for p in postings.take(1_000) {
            let _ = dict.alias(p.alias);
        }
    }
    // Out-of-range indexes are errors, not panics.
    let _ = dict.entity(u32::MAX);
    let _ = dict.alias(u32::MAX);
    let _ = dict.lookup("");
    let _ = dict.entity_by_id("");
    // A resolver over it must not panic either.
    let r = polyonym::Resolver::new(dict);
    let _ = r.resolve("wang yi");
});
