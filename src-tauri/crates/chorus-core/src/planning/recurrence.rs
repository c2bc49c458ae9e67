//! Recurring posts: an RFC 5545 RRULE expanded in the workspace's local clock time, so "every
//! Tuesday and Thursday at 9:00" stays at 9:00 when daylight saving starts or ends.

use crate::{CoreError, Result};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// A repeating post is stored as one post per occurrence; more than this is almost surely a
/// mistake (a missing COUNT), and it would flood the calendar.
pub const MAX_OCCURRENCES: usize = 200;

fn invalid(message: impl Into<String>) -> CoreError {
    CoreError::validation("recurrence", message)
}

/// Every occurrence of `rule` starting at `start` (the first one), as instants.
pub fn expand(rule: &str, tz: Tz, start: DateTime<Utc>) -> Result<Vec<DateTime<Utc>>> {
    let rule = rule.trim().trim_start_matches("RRULE:");
    if rule.is_empty()
        || rule.contains(['\n', '\r'])
        || rule.to_ascii_uppercase().contains("DTSTART")
    {
        return Err(invalid(
            "Write the repetition as one rule, e.g. FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10 (the first post's time is the start).",
        ));
    }
    let upper = rule.to_ascii_uppercase();
    if !upper.contains("COUNT=") && !upper.contains("UNTIL=") {
        return Err(invalid(format!(
            "Say when the repetition ends: add COUNT=n (how many posts) or UNTIL=YYYYMMDDTHHMMSSZ. Chorus makes at most {MAX_OCCURRENCES} posts from one rule."
        )));
    }
    let local_start = start.with_timezone(&tz).format("%Y%m%dT%H%M%S");
    let text = format!("DTSTART;TZID={}:{local_start}\nRRULE:{rule}", tz.name());
    let set: rrule::RRuleSet = text.parse().map_err(|e: rrule::RRuleError| {
        invalid(format!("The repetition rule is not valid: {e}"))
    })?;
    let found = set.all(MAX_OCCURRENCES as u16 + 1);
    if found.dates.len() > MAX_OCCURRENCES {
        return Err(invalid(format!(
            "This rule makes more than {MAX_OCCURRENCES} posts; lower COUNT or pick an earlier UNTIL."
        )));
    }
    if found.dates.is_empty() {
        return Err(invalid("This rule makes no posts at all."));
    }
    Ok(found.dates.iter().map(|d| d.with_timezone(&Utc)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn tuesday_and_thursday_at_nine_stay_at_nine_across_the_dst_change() {
        // New York springs forward on Sunday 14 March 2027.
        let times = expand(
            "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4",
            chrono_tz::America::New_York,
            utc("2027-03-09T14:00:00Z"), // Tue 09:00 EST
        )
        .expect("rule");
        assert_eq!(
            times,
            [
                utc("2027-03-09T14:00:00Z"),
                utc("2027-03-11T14:00:00Z"),
                utc("2027-03-16T13:00:00Z"), // 09:00 EDT
                utc("2027-03-18T13:00:00Z"),
            ]
        );
    }

    #[test]
    fn an_occurrence_in_the_spring_forward_gap_moves_forward_by_the_gap() {
        let times = expand(
            "FREQ=WEEKLY;COUNT=3",
            chrono_tz::Europe::Berlin,
            utc("2027-03-21T01:30:00Z"), // Sun 02:30 CET
        )
        .expect("rule");
        assert_eq!(
            times,
            [
                utc("2027-03-21T01:30:00Z"),
                utc("2027-03-28T01:30:00Z"), // 02:30 does not exist: 03:30 CEST
                utc("2027-04-04T00:30:00Z"), // 02:30 CEST
            ]
        );
    }

    #[test]
    fn half_hour_zones_repeat_at_their_local_time() {
        let times = expand(
            "FREQ=DAILY;COUNT=2",
            chrono_tz::Asia::Kolkata,
            utc("2027-01-05T03:30:00Z"),
        )
        .expect("rule");
        assert_eq!(times[1], utc("2027-01-06T03:30:00Z"));
        // St John's changes from -03:30 to -02:30 on 14 March 2027.
        let times = expand(
            "FREQ=WEEKLY;COUNT=2",
            chrono_tz::America::St_Johns,
            utc("2027-03-10T12:30:00Z"), // Wed 09:00 NST
        )
        .expect("rule");
        assert_eq!(times[1], utc("2027-03-17T11:30:00Z"), "09:00 NDT");
    }

    #[test]
    fn rules_without_an_end_or_with_too_many_posts_are_refused_clearly() {
        let start = utc("2027-01-05T09:00:00Z");
        let err = expand("FREQ=WEEKLY", chrono_tz::UTC, start).expect_err("no end");
        assert_eq!(err.field(), Some("recurrence"));
        assert!(err.to_string().contains("COUNT=n"), "{err}");
        let err = expand("FREQ=DAILY;COUNT=500", chrono_tz::UTC, start).expect_err("too many");
        assert!(err.to_string().contains("more than 200"), "{err}");
        let err = expand("FREQ=SOMETIMES;COUNT=2", chrono_tz::UTC, start).expect_err("bad");
        assert!(err.to_string().contains("not valid"), "{err}");
        let err = expand(
            "DTSTART:20270101T000000Z\nRRULE:FREQ=DAILY;COUNT=2",
            chrono_tz::UTC,
            start,
        )
        .expect_err("two lines");
        assert_eq!(err.field(), Some("recurrence"));
    }
}
