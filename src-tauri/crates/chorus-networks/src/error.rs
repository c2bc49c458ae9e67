//! How a network call failed, in the terms the publishing engine acts on.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NetworkError {
    /// Worth retrying later (5xx, connection refused or reset before the request was sent,
    /// a timeout while connecting). `retry_after` is the server's hint, if it gave one.
    #[error("{message}")]
    Transient {
        message: String,
        retry_after: Option<Duration>,
    },

    /// 429 or an equivalent: wait at least `retry_after` (Retry-After / rate-limit headers).
    #[error("rate limited by the network: {message}")]
    RateLimited {
        message: String,
        retry_after: Option<Duration>,
    },

    /// The credentials no longer work: the channel needs the user's attention.
    #[error("the network refused the credentials: {message}")]
    Auth { message: String },

    /// The network rejected the content or the request for good (4xx with a reason).
    /// `message` is the network's own words.
    #[error("the network rejected the post: {message}")]
    Rejected {
        message: String,
        status: Option<u16>,
    },

    /// The request may or may not have taken effect (a timeout or reset after sending).
    /// The engine reconciles before doing anything else.
    #[error("no answer from the network, the post may or may not be out: {message}")]
    OutcomeUnknown { message: String },

    /// The channel's settings cannot work (an address that is not one): the user fixes
    /// `field` (the connect form's name for it).
    #[error("{message}")]
    Settings {
        field: &'static str,
        message: String,
    },
}

impl NetworkError {
    /// Stable machine-readable name, stored in the activity log.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Transient { .. } => "transient",
            Self::RateLimited { .. } => "rate_limited",
            Self::Auth { .. } => "auth",
            Self::Rejected { .. } => "rejected",
            Self::OutcomeUnknown { .. } => "outcome_unknown",
            Self::Settings { .. } => "settings",
        }
    }

    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Transient { retry_after, .. } | Self::RateLimited { retry_after, .. } => {
                *retry_after
            }
            _ => None,
        }
    }

    /// Whether trying again later can help.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::Transient { .. } | Self::RateLimited { .. } | Self::OutcomeUnknown { .. }
        )
    }
}
