//! Turning a wall-clock time in the workspace's zone into an instant, the same way RFC 5545
//! does for recurrences, so slots and repeating posts agree:
//! - a time that does not exist (the hour skipped when clocks go forward) moves forward by the
//!   length of the gap: 02:30 on the spring-forward day in Berlin is 03:30 CEST;
//! - a time that happens twice (the hour repeated when clocks go back) is the first of the two.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

pub fn resolve(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => at.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // Find the gap's length: the offset after it minus the offset before it.
            let before = tz.offset_from_utc_datetime(&(local - Duration::hours(12)));
            let after = tz.offset_from_utc_datetime(&(local + Duration::hours(12)));
            let gap = chrono::Offset::fix(&after).local_minus_utc()
                - chrono::Offset::fix(&before).local_minus_utc();
            let shifted = local + Duration::seconds(i64::from(gap.max(0)));
            tz.from_local_datetime(&shifted)
                .earliest()
                // A zone with back-to-back gaps does not exist; fall back to the UTC reading.
                .map_or_else(|| shifted.and_utc(), |at| at.with_timezone(&Utc))
        }
    }
}

/// The workspace's zone by name; an unknown name is a clear error, not a silent UTC.
pub fn zone(name: &str) -> crate::Result<Tz> {
    name.parse::<Tz>().map_err(|_| {
        crate::CoreError::Corrupt(format!("the workspace's time zone {name:?} is not known"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .expect("valid")
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn a_time_in_the_spring_forward_gap_moves_forward_by_the_gap() {
        // Berlin, 28 March 2027: 02:00 CET becomes 03:00 CEST.
        assert_eq!(
            resolve(chrono_tz::Europe::Berlin, local(2027, 3, 28, 2, 30)),
            utc("2027-03-28T01:30:00Z"),
            "02:30 does not exist; it is 03:30 CEST"
        );
        // New York, 14 March 2027: 02:00 EST becomes 03:00 EDT.
        assert_eq!(
            resolve(chrono_tz::America::New_York, local(2027, 3, 14, 2, 30)),
            utc("2027-03-14T07:30:00Z")
        );
    }

    #[test]
    fn a_time_that_happens_twice_is_the_first_one() {
        // Berlin, 31 October 2027: 03:00 CEST goes back to 02:00 CET.
        assert_eq!(
            resolve(chrono_tz::Europe::Berlin, local(2027, 10, 31, 2, 30)),
            utc("2027-10-31T00:30:00Z")
        );
    }

    #[test]
    fn half_hour_zones_keep_their_offsets() {
        assert_eq!(
            resolve(chrono_tz::Asia::Kolkata, local(2027, 1, 5, 9, 0)),
            utc("2027-01-05T03:30:00Z")
        );
        // St John's: -03:30 in winter, -02:30 in summer.
        assert_eq!(
            resolve(chrono_tz::America::St_Johns, local(2027, 1, 5, 9, 0)),
            utc("2027-01-05T12:30:00Z")
        );
        assert_eq!(
            resolve(chrono_tz::America::St_Johns, local(2027, 7, 5, 9, 0)),
            utc("2027-07-05T11:30:00Z")
        );
    }
}
