//! How long to wait before the next attempt.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
}

impl Backoff {
    /// Delay before attempt `attempt + 1`, after `attempt` failed attempts (1-based):
    /// exponential from `base`, capped, with "equal jitter" (half fixed, half random) so that
    /// many posts failing together do not all retry in the same second. A server's
    /// Retry-After is a floor, never shortened.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>, jitter: f64) -> Duration {
        let exp = attempt.saturating_sub(1).min(20);
        let raw = self.base.saturating_mul(1u32 << exp).min(self.cap);
        let jitter = jitter.clamp(0.0, 1.0);
        let jittered = raw.mul_f64(0.5 + 0.5 * jitter);
        match retry_after {
            Some(floor) => jittered.max(floor),
            None => jittered,
        }
    }
}

/// Consecutive failures of one thing (a job's passes, a channel's syncs), and the wait they
/// call for. A success starts it afresh (`Failures::default()`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Failures(u32);

impl Failures {
    pub fn count(self) -> u32 {
        self.0
    }

    /// Counts one more failure and returns the wait before the next try: `backoff` for that
    /// many failures, jittered, never shorter than the server's `retry_after`.
    pub fn record(&mut self, backoff: &Backoff, retry_after: Option<Duration>) -> Duration {
        self.0 = self.0.saturating_add(1);
        backoff.delay(self.0, retry_after, rand::random::<f64>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: Backoff = Backoff {
        base: Duration::from_secs(30),
        cap: Duration::from_secs(1800),
    };

    #[test]
    fn grows_exponentially_up_to_the_cap() {
        let full: Vec<u64> = (1..=8).map(|n| B.delay(n, None, 1.0).as_secs()).collect();
        assert_eq!(full, [30, 60, 120, 240, 480, 960, 1800, 1800]);
    }

    #[test]
    fn jitter_stays_within_half_and_full() {
        assert_eq!(B.delay(3, None, 0.0), Duration::from_secs(60));
        assert_eq!(B.delay(3, None, 1.0), Duration::from_secs(120));
        let mid = B.delay(3, None, 0.5);
        assert!(mid > Duration::from_secs(60) && mid < Duration::from_secs(120));
    }

    #[test]
    fn retry_after_is_a_floor() {
        assert_eq!(
            B.delay(1, Some(Duration::from_secs(90)), 0.0),
            Duration::from_secs(90)
        );
        assert_eq!(
            B.delay(4, Some(Duration::from_secs(5)), 1.0),
            Duration::from_secs(240)
        );
    }
}
