//! Talking to all configured relays at once, and turning their separate answers into one
//! outcome the publishing engine can act on.

use std::sync::Arc;
use std::time::Duration;

use futures_util::future::join_all;
use nostr::prelude::{Event, Filter};
use url::Url;

use super::relay::{Queried, Sent, Session};
use crate::NetworkError;

#[derive(Clone)]
pub(crate) struct Relays {
    pub urls: Vec<Url>,
    pub tls: Option<Arc<rustls::ClientConfig>>,
    pub timeout: Duration,
}

impl Relays {
    /// Sends `event` to every relay concurrently; one answer per relay, in config order.
    pub(crate) async fn send(&self, event: &Event) -> Vec<(Url, Sent)> {
        join_all(self.urls.iter().map(|url| async move {
            let sent = match Session::connect(url, self.tls.clone(), self.timeout).await {
                Err(reason) => Sent::Unreachable { reason },
                Ok(mut session) => {
                    let sent = session.send_event(event).await;
                    session.close().await;
                    sent
                }
            };
            log_sent(url, event, &sent);
            (url.clone(), sent)
        }))
        .await
    }

    /// Runs one `REQ` with `filters` (matching any of them) on every relay concurrently.
    pub(crate) async fn query(&self, filters: &[Filter]) -> Vec<(Url, Queried)> {
        join_all(self.urls.iter().map(|url| async move {
            let queried = match Session::connect(url, self.tls.clone(), self.timeout).await {
                Err(reason) => Queried::Unreachable { reason },
                Ok(mut session) => {
                    let queried = session.query(filters.to_vec()).await;
                    session.close().await;
                    queried
                }
            };
            match &queried {
                Queried::Complete(events) => {
                    tracing::debug!(relay = %url, found = events.len(), "nostr query answered");
                }
                Queried::Partial { events, reason } => {
                    tracing::warn!(relay = %url, found = events.len(), %reason, "nostr query incomplete");
                }
                Queried::Unreachable { reason } => {
                    tracing::warn!(relay = %url, %reason, "nostr relay unreachable");
                }
            }
            (url.clone(), queried)
        }))
        .await
    }
}

fn log_sent(url: &Url, event: &Event, sent: &Sent) {
    let id = event.id.to_hex();
    match sent {
        Sent::Accepted { message } => {
            tracing::info!(relay = %url, event = %id, %message, "nostr relay accepted the event");
        }
        Sent::Refused { message } => {
            tracing::warn!(relay = %url, event = %id, %message, "nostr relay refused the event");
        }
        Sent::Unreachable { reason } => {
            tracing::warn!(relay = %url, event = %id, %reason, "nostr relay unreachable");
        }
        Sent::NoAnswer { reason } => {
            tracing::warn!(relay = %url, event = %id, %reason, "nostr relay did not confirm the event");
        }
    }
}

/// One relay accepting is enough: the note is out and others can fetch it from there.
///
/// Otherwise, in this order: any relay that may have stored it without saying so makes the
/// outcome unknown (reconcile, never resend blindly); all relays refusing is a rejection in
/// their own words, or rate limiting if any of them said so; and any unreachable relay left
/// makes it transient, since that relay may well accept it later.
pub(crate) fn publish_verdict(results: &[(Url, Sent)]) -> Result<Vec<Url>, NetworkError> {
    let accepted: Vec<Url> = results
        .iter()
        .filter(|(_, sent)| matches!(sent, Sent::Accepted { .. }))
        .map(|(url, _)| url.clone())
        .collect();
    if !accepted.is_empty() {
        return Ok(accepted);
    }
    let summary = summarize(results);
    if results
        .iter()
        .any(|(_, sent)| matches!(sent, Sent::NoAnswer { .. }))
    {
        return Err(NetworkError::OutcomeUnknown { message: summary });
    }
    let rate_limited = results.iter().any(|(_, sent)| {
        matches!(sent, Sent::Refused { message } if message.starts_with("rate-limited:"))
    });
    if rate_limited {
        return Err(NetworkError::RateLimited {
            message: summary,
            retry_after: None,
        });
    }
    let unreachable = results
        .iter()
        .any(|(_, sent)| matches!(sent, Sent::Unreachable { .. }));
    if unreachable || results.is_empty() {
        return Err(NetworkError::Transient {
            message: format!("no relay took the event: {summary}"),
            retry_after: None,
        });
    }
    Err(NetworkError::Rejected {
        message: summary,
        status: None,
    })
}

/// Whether the relays hold an event, given per-relay lookups and a test for "it".
///
/// `Some(true)`: found somewhere. `Some(false)`: every relay answered completely without it.
/// `None`: no relay had it, but some could not answer (the reason names them) — or none
/// could, which is an `Err(Transient)`: a later attempt may well reach them.
pub(crate) fn found_anywhere<'a>(
    results: &'a [(Url, Queried)],
    matches: impl Fn(&Event) -> bool,
) -> Result<Lookup<'a>, NetworkError> {
    let mut unanswered = Vec::new();
    for (url, queried) in results {
        let events = match queried {
            Queried::Complete(events) => events,
            Queried::Partial { events, reason } => {
                unanswered.push(format!("{url}: {reason}"));
                events
            }
            Queried::Unreachable { reason } => {
                unanswered.push(format!("{url}: {reason}"));
                continue;
            }
        };
        if let Some(event) = events.iter().find(|e| matches(e)) {
            return Ok(Lookup::Found(url, event));
        }
    }
    if unanswered.is_empty() {
        Ok(Lookup::Absent)
    } else if unanswered.len() == results.len() {
        Err(NetworkError::Transient {
            message: format!("no relay answered: {}", unanswered.join("; ")),
            retry_after: None,
        })
    } else {
        Ok(Lookup::Unknown {
            reason: format!(
                "not on the relays that answered; could not ask {}",
                unanswered.join("; ")
            ),
        })
    }
}

#[derive(Debug, PartialEq)]
pub(crate) enum Lookup<'a> {
    Found(&'a Url, &'a Event),
    Absent,
    Unknown { reason: String },
}

fn summarize(results: &[(Url, Sent)]) -> String {
    results
        .iter()
        .map(|(url, sent)| {
            let what = match sent {
                Sent::Accepted { message } => format!("accepted {message}"),
                Sent::Refused { message } => message.clone(),
                Sent::Unreachable { reason } | Sent::NoAnswer { reason } => reason.clone(),
            };
            format!("{url}: {}", what.trim_end())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(n: u16) -> Url {
        Url::parse(&format!("ws://127.0.0.1:{n}/")).expect("url")
    }
    fn accepted(m: &str) -> Sent {
        Sent::Accepted { message: m.into() }
    }
    fn refused(m: &str) -> Sent {
        Sent::Refused { message: m.into() }
    }
    fn down() -> Sent {
        Sent::Unreachable {
            reason: "could not connect: Connection refused".into(),
        }
    }
    fn silent() -> Sent {
        Sent::NoAnswer {
            reason: "no answer within 10 s".into(),
        }
    }

    #[test]
    fn one_acceptance_is_success() {
        let results = [(url(1), down()), (url(2), accepted("duplicate: have it"))];
        assert_eq!(publish_verdict(&results), Ok(vec![url(2)]));
    }

    #[test]
    fn refusals_everywhere_are_a_rejection_in_the_relays_words() {
        let results = [
            (url(1), refused("blocked: not on the allow list")),
            (url(2), refused("invalid: bad signature")),
        ];
        let err = publish_verdict(&results).expect_err("rejected");
        assert_eq!(err.code(), "rejected");
        let text = err.to_string();
        assert!(text.contains("blocked: not on the allow list"), "{text}");
        assert!(text.contains("invalid: bad signature"), "{text}");
    }

    #[test]
    fn rate_limits_and_outages_are_retryable() {
        let limited = [
            (url(1), refused("rate-limited: slow down")),
            (url(2), down()),
        ];
        assert_eq!(
            publish_verdict(&limited).expect_err("limited").code(),
            "rate_limited"
        );
        let all_down = [(url(1), down()), (url(2), down())];
        assert_eq!(
            publish_verdict(&all_down).expect_err("down").code(),
            "transient"
        );
        let mixed = [(url(1), refused("blocked: no")), (url(2), down())];
        assert_eq!(
            publish_verdict(&mixed).expect_err("mixed").code(),
            "transient"
        );
    }

    #[test]
    fn silence_after_sending_is_an_unknown_outcome() {
        let results = [(url(1), silent()), (url(2), refused("blocked: no"))];
        assert_eq!(
            publish_verdict(&results).expect_err("unknown").code(),
            "outcome_unknown"
        );
    }

    #[test]
    fn lookups_distinguish_absent_from_unknown() {
        let absent = [
            (url(1), Queried::Complete(vec![])),
            (url(2), Queried::Complete(vec![])),
        ];
        assert_eq!(found_anywhere(&absent, |_| true), Ok(Lookup::Absent));

        let half = [
            (url(1), Queried::Complete(vec![])),
            (
                url(2),
                Queried::Unreachable {
                    reason: "refused".into(),
                },
            ),
        ];
        match found_anywhere(&half, |_| true) {
            Ok(Lookup::Unknown { reason }) => assert!(reason.contains(url(2).as_str())),
            other => panic!("{other:?}"),
        }

        let none = [(
            url(1),
            Queried::Partial {
                events: vec![],
                reason: "timeout".into(),
            },
        )];
        assert_eq!(
            found_anywhere(&none, |_| true).expect_err("none").code(),
            "transient"
        );
    }
}
