//! XRPC addressing and the AT Protocol's error names.

use url::Url;

use crate::NetworkError;
use crate::http::{ErrorResponse, Failure};

/// `<base>/xrpc/<nsid>`, keeping any path the service URL already has.
pub fn endpoint(base: &Url, nsid: &str) -> Result<Url, NetworkError> {
    let mut url = base.clone();
    url.path_segments_mut()
        .map_err(|()| NetworkError::Rejected {
            message: format!("{base} cannot be used as a Bluesky server address"),
            status: None,
        })?
        .pop_if_empty()
        .push("xrpc")
        .push(nsid);
    url.set_query(None);
    Ok(url)
}

/// The XRPC error name of an error answer, e.g. "RecordNotFound".
pub fn error_name(failure: &Failure) -> Option<&str> {
    match failure {
        Failure::Status(ErrorResponse { error, .. }) => error.as_deref(),
        Failure::Network(_) => None,
    }
}

/// The access token is the problem (not the request): a new session may fix it.
pub fn is_token_problem(failure: &Failure) -> bool {
    matches!(error_name(failure), Some("ExpiredToken" | "InvalidToken"))
}

/// Like the generic classification, except that the PDS reports several credential problems
/// with status 400, which would otherwise read as a rejected post.
pub fn into_network_error(failure: Failure) -> NetworkError {
    match failure {
        Failure::Status(response)
            if matches!(
                response.error.as_deref(),
                Some(
                    "ExpiredToken"
                        | "InvalidToken"
                        | "AuthenticationRequired"
                        | "AuthFactorTokenRequired"
                        | "AccountTakedown"
                        | "AccountDeactivated"
                )
            ) =>
        {
            NetworkError::Auth {
                message: response.describe(),
            }
        }
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_keep_the_service_path() {
        let base = Url::parse("https://bsky.social").expect("should succeed");
        assert_eq!(
            endpoint(&base, "com.atproto.server.createSession")
                .expect("should succeed")
                .as_str(),
            "https://bsky.social/xrpc/com.atproto.server.createSession"
        );
        let base = Url::parse("http://localhost:2583/pds/").expect("should succeed");
        assert_eq!(
            endpoint(&base, "com.atproto.repo.getRecord")
                .expect("should succeed")
                .as_str(),
            "http://localhost:2583/pds/xrpc/com.atproto.repo.getRecord"
        );
    }

    #[test]
    fn token_errors_are_credential_problems() {
        let failure = Failure::Status(ErrorResponse {
            status: 400,
            error: Some("ExpiredToken".into()),
            message: Some("Token has expired".into()),
            retry_after: None,
            replay_safe: true,
        });
        assert!(is_token_problem(&failure));
        assert_eq!(into_network_error(failure).code(), "auth");
    }
}
