//! Calls on the account's repository: records and blobs.

use std::fmt;

use serde::Deserialize;
use serde_json::{Value, json};

use super::Bluesky;
use super::xrpc;
use crate::NetworkError;
use crate::http::{self, Failure};

pub const POST_COLLECTION: &str = "app.bsky.feed.post";

/// `at://<repo>/<collection>/<rkey>`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtUri {
    pub repo: String,
    pub collection: String,
    pub rkey: String,
}

impl AtUri {
    pub fn post(repo: &str, rkey: &str) -> Self {
        Self {
            repo: repo.to_owned(),
            collection: POST_COLLECTION.to_owned(),
            rkey: rkey.to_owned(),
        }
    }

    pub fn parse(uri: &str) -> Result<Self, NetworkError> {
        let invalid = || NetworkError::Rejected {
            message: format!("{uri} is not the address of a Bluesky record"),
            status: None,
        };
        let rest = uri.strip_prefix("at://").ok_or_else(invalid)?;
        let mut parts = rest.split('/');
        let (Some(repo), Some(collection), Some(rkey), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid());
        };
        if [repo, collection, rkey].iter().any(|p| p.is_empty()) {
            return Err(invalid());
        }
        Ok(Self {
            repo: repo.to_owned(),
            collection: collection.to_owned(),
            rkey: rkey.to_owned(),
        })
    }
}

impl fmt::Display for AtUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at://{}/{}/{}", self.repo, self.collection, self.rkey)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct StoredRecord {
    pub uri: String,
    pub cid: Option<String>,
    pub value: Value,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CreatedRecord {
    pub uri: String,
    pub cid: String,
}

impl Bluesky {
    /// The record, or `None` when there is none at that address.
    #[tracing::instrument(skip_all, fields(uri = %uri))]
    pub(super) async fn get_record(
        &self,
        uri: &AtUri,
    ) -> Result<Option<StoredRecord>, NetworkError> {
        let session = self.sessions.current().await?;
        let url = xrpc::endpoint(&session.pds, "com.atproto.repo.getRecord")?;
        let request = self.http.get(url).query(&[
            ("repo", uri.repo.as_str()),
            ("collection", uri.collection.as_str()),
            ("rkey", uri.rkey.as_str()),
        ]);
        match http::send_json::<StoredRecord>(request).await {
            Ok(record) => Ok(Some(record)),
            Err(failure) if is_missing(&failure) => Ok(None),
            Err(failure) => Err(xrpc::into_network_error(failure)),
        }
    }

    #[tracing::instrument(skip_all, fields(rkey = %rkey))]
    pub(super) async fn create_record(
        &self,
        rkey: &str,
        record: &Value,
    ) -> Result<CreatedRecord, Failure> {
        self.sessions
            .with_session(|session| {
                let body = json!({
                    "repo": session.did,
                    "collection": POST_COLLECTION,
                    "rkey": rkey,
                    "record": record,
                });
                let request =
                    xrpc::endpoint(&session.pds, "com.atproto.repo.createRecord").map(|url| {
                        self.http
                            .post(url)
                            .header("authorization", session.bearer())
                            .json(&body)
                    });
                async move { http::send_json(request?).await }
            })
            .await
    }

    #[tracing::instrument(skip_all, fields(uri = %uri))]
    pub(super) async fn delete_record(&self, uri: &AtUri) -> Result<(), NetworkError> {
        self.sessions
            .with_session(|session| {
                let body = json!({
                    "repo": uri.repo,
                    "collection": uri.collection,
                    "rkey": uri.rkey,
                });
                let request =
                    xrpc::endpoint(&session.pds, "com.atproto.repo.deleteRecord").map(|url| {
                        self.http
                            .post(url)
                            .header("authorization", session.bearer())
                            .json(&body)
                    });
                async move { http::send(request?).await }
            })
            .await
            .map_err(xrpc::into_network_error)
    }

    /// Uploads image bytes; the answer's `blob` goes into the record as it is.
    #[tracing::instrument(skip_all, fields(bytes = bytes.len(), mime_type = %mime_type))]
    pub(super) async fn upload_blob(
        &self,
        bytes: &[u8],
        mime_type: &str,
    ) -> Result<Value, NetworkError> {
        #[derive(Deserialize)]
        struct Uploaded {
            blob: Value,
        }
        let uploaded: Uploaded = self
            .sessions
            .with_session(|session| {
                let request =
                    xrpc::endpoint(&session.pds, "com.atproto.repo.uploadBlob").map(|url| {
                        self.http
                            .post(url)
                            .header("authorization", session.bearer())
                            .header("content-type", mime_type)
                            .body(bytes.to_vec())
                    });
                async move { http::send_json(request?).await }
            })
            .await
            .map_err(|failure| match failure {
                // Uploading again is harmless (blobs are addressed by content): not a lost post.
                Failure::Network(NetworkError::OutcomeUnknown { message }) => {
                    NetworkError::Transient {
                        message,
                        retry_after: None,
                    }
                }
                other => xrpc::into_network_error(other),
            })?;
        Ok(uploaded.blob)
    }
}

/// "RecordNotFound"; older PDS versions said InvalidRequest "Could not locate record".
fn is_missing(failure: &Failure) -> bool {
    match failure {
        Failure::Status(response) => match response.error.as_deref() {
            Some("RecordNotFound") => true,
            Some("InvalidRequest") => response
                .message
                .as_deref()
                .is_some_and(|m| m.starts_with("Could not locate record")),
            _ => false,
        },
        Failure::Network(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_uris_round_trip() {
        let uri =
            AtUri::parse("at://did:plc:abc/app.bsky.feed.post/3kabc").expect("should succeed");
        assert_eq!(uri, AtUri::post("did:plc:abc", "3kabc"));
        assert_eq!(uri.to_string(), "at://did:plc:abc/app.bsky.feed.post/3kabc");
    }

    #[test]
    fn other_addresses_are_refused() {
        for bad in [
            "https://bsky.app/profile/x/post/y",
            "at://did:plc:abc/app.bsky.feed.post",
            "at://did:plc:abc//3kabc",
            "at://did:plc:abc/app.bsky.feed.post/3kabc/extra",
        ] {
            assert_eq!(
                AtUri::parse(bad).expect_err("should fail").code(),
                "rejected",
                "{bad}"
            );
        }
    }
}
