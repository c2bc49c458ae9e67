//! The record key a segment is published under, derived from its idempotency key, so that every
//! retry writes to the same place in the repository and a second write cannot add a second post.

use sha2::{Digest, Sha256};

use crate::IdempotencyKey;

const BASE32_SORTABLE: &[u8; 32] = b"234567abcdefghijklmnopqrstuvwxyz";

/// A TID (13 characters of base32-sortable: 53 bits of microseconds since the epoch, then a
/// 10-bit clock id), so the key sorts by time like one a PDS would make.
///
/// Keys of one thread can share `created_at`, so the token must separate them: it picks the
/// clock id, and also the microseconds within the millisecond. `createdAt` only carries
/// milliseconds, so those microseconds are free, and the two together leave about one chance in
/// a million that two segments of the same instant collide (ten bits alone would be 1 in 1024).
pub fn record_key(key: &IdempotencyKey) -> String {
    let digest = Sha256::digest(key.token.as_bytes());
    let spread = u64::from(u32::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3],
    ]));
    let sub_millisecond = spread % 1000;
    let clock_id = (spread / 1000) & 0x3ff;

    let millis = u64::try_from(key.created_at.timestamp_millis()).unwrap_or(0);
    let micros = (millis.saturating_mul(1000) + sub_millisecond) & ((1 << 53) - 1);
    encode((micros << 10) | clock_id)
}

fn encode(mut value: u64) -> String {
    let mut out = [b'2'; 13];
    for slot in out.iter_mut().rev() {
        *slot = BASE32_SORTABLE[(value & 31) as usize];
        value >>= 5;
    }
    out.iter().map(|&b| char::from(b)).collect()
}

/// Whether `rkey` has the TID shape.
#[cfg(test)]
pub fn is_tid(rkey: &str) -> bool {
    rkey.len() == 13
        && rkey.bytes().all(|b| BASE32_SORTABLE.contains(&b))
        && rkey
            .bytes()
            .next()
            .is_some_and(|b| b"234567abcdefghij".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration, Utc};

    fn key(token: &str, at: &str) -> IdempotencyKey {
        IdempotencyKey {
            token: token.into(),
            created_at: DateTime::parse_from_rfc3339(at)
                .expect("should succeed")
                .with_timezone(&Utc),
        }
    }

    #[test]
    fn is_a_valid_tid_and_stable() {
        let k = key("chorus-t42-s0", "2024-05-01T12:00:00.123Z");
        let rkey = record_key(&k);
        assert!(is_tid(&rkey), "{rkey}");
        assert_eq!(rkey, record_key(&k.clone()));
        // Pinned: a change here would orphan records published by an earlier version.
        assert_eq!(rkey, "3krggwxq6nx3o");
    }

    #[test]
    fn different_tokens_at_the_same_instant_differ() {
        let at = "2024-05-01T12:00:00.000Z";
        let keys: std::collections::HashSet<String> = (0..200)
            .map(|s| record_key(&key(&format!("chorus-t7-s{s}"), at)))
            .collect();
        assert_eq!(keys.len(), 200);
    }

    #[test]
    fn sorts_by_creation_time() {
        let earlier = key("chorus-t1-s0", "2024-05-01T12:00:00.000Z");
        let mut later = key("chorus-t1-s0", "2024-05-01T12:00:00.000Z");
        later.created_at += Duration::milliseconds(1);
        assert!(record_key(&earlier) < record_key(&later));
        let next_year = key("chorus-t0-s0", "2025-05-01T12:00:00.000Z");
        assert!(record_key(&later) < record_key(&next_year));
    }

    #[test]
    fn encodes_the_timestamp_in_the_high_bits() {
        let k = key("x", "2024-05-01T12:00:00.000Z");
        let rkey = record_key(&k);
        let value = rkey.bytes().fold(0_u64, |acc, b| {
            (acc << 5)
                | BASE32_SORTABLE
                    .iter()
                    .position(|&c| c == b)
                    .expect("should succeed") as u64
        });
        let micros = value >> 10;
        assert_eq!(micros / 1000, k.created_at.timestamp_millis() as u64);
    }

    #[test]
    fn recognises_tids() {
        assert!(is_tid("3jzfcijpj2z2a"));
        assert!(!is_tid("self"));
        assert!(!is_tid("zzzzzzzzzzzzz"));
        assert!(!is_tid("3jzfcijpj2z2A"));
    }
}
