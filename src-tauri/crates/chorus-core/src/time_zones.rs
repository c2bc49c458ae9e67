//! IANA time zones: the only zone names Chorus accepts are the ones chrono-tz can compute with.

use crate::{CoreError, Result};
use chrono_tz::Tz;

/// Every zone name the core accepts, sorted.
pub fn all() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    names.sort_unstable();
    names
}

/// Parses a user-supplied zone name, reporting the error against `field`.
pub fn parse(field: &'static str, name: &str) -> Result<Tz> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(CoreError::validation(field, "Choose a time zone."));
    }
    trimmed.parse::<Tz>().map_err(|_| {
        CoreError::validation(
            field,
            format!("\"{trimmed}\" is not a time zone Chorus knows. Use an IANA name such as Europe/Berlin or America/New_York."),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_iana_names_including_odd_offsets() {
        for name in [
            "UTC",
            "Europe/Berlin",
            "Asia/Kolkata",
            "America/St_Johns",
            " Asia/Kathmandu ",
        ] {
            assert!(parse("timezone", name).is_ok(), "{name}");
        }
    }

    #[test]
    fn rejects_unknown_and_empty_names_with_a_field() {
        let err = parse("timezone", "Mars/Olympus_Mons").expect_err("unknown");
        assert_eq!(err.field(), Some("timezone"));
        assert!(err.to_string().contains("Mars/Olympus_Mons"));
        assert_eq!(
            parse("timezone", "  ").expect_err("empty").field(),
            Some("timezone")
        );
    }

    #[test]
    fn list_is_sorted_and_complete() {
        let names = all();
        assert!(names.len() > 400);
        assert!(names.windows(2).all(|w| w[0] <= w[1]));
        assert!(names.contains(&"America/St_Johns"));
    }
}
