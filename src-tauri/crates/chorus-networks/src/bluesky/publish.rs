//! Turning one segment into an `app.bsky.feed.post` record and writing it exactly once.

use std::collections::HashMap;

use chrono::SecondsFormat;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::facets::{self, CandidateKind};
use super::record_key::record_key;
use super::repo::{AtUri, POST_COLLECTION, StoredRecord};
use super::validate::CONTENT_WARNING_PROBLEM;
use super::{Bluesky, xrpc};
use crate::http::{self, Failure};
use crate::{IdempotencyKey, NetworkError, OutgoingPost, RemotePost, ReplyTarget};

impl Bluesky {
    pub(super) async fn publish_segment(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
        reply_to: Option<&ReplyTarget>,
    ) -> Result<RemotePost, NetworkError> {
        // Publishing without the warning the author asked for would be worse than not publishing.
        if post.content_warning.is_some() {
            return Err(NetworkError::Rejected {
                message: CONTENT_WARNING_PROBLEM.into(),
                status: None,
            });
        }
        let created_at = created_at(key);
        let mut record = Map::new();
        record.insert("$type".into(), json!(POST_COLLECTION));
        record.insert("text".into(), json!(post.text));
        record.insert("createdAt".into(), json!(created_at));

        let facets = self.facets(&post.text).await?;
        if !facets.is_empty() {
            record.insert("facets".into(), Value::Array(facets));
        }
        if let Some(language) = post.language.as_deref().filter(|l| !l.is_empty()) {
            record.insert("langs".into(), json!([language]));
        }
        if let Some(target) = reply_to {
            record.insert(
                "reply".into(),
                json!({
                    "root": self.strong_ref(&target.root).await?,
                    "parent": self.strong_ref(&target.parent).await?,
                }),
            );
        }
        if !post.images.is_empty() {
            let mut images = Vec::with_capacity(post.images.len());
            for image in &post.images {
                let blob = self.upload_blob(&image.bytes, &image.mime_type).await?;
                let mut entry = json!({ "alt": image.alt, "image": blob });
                if image.width > 0 && image.height > 0 {
                    entry["aspectRatio"] = json!({ "width": image.width, "height": image.height });
                }
                images.push(entry);
            }
            record.insert(
                "embed".into(),
                json!({ "$type": "app.bsky.embed.images", "images": images }),
            );
        }
        let record = Value::Object(record);

        let rkey = record_key(key);
        match self.create_record(&rkey, &record).await {
            Ok(created) => Ok(remote_post(created.uri, Some(created.cid))),
            Err(failure) => self.already_published(&rkey, &record, failure).await,
        }
    }

    /// A failed create may be a retry of one that went through: a PDS answers a write to an
    /// existing record key with `500 InternalServerError` ("There is already a value at key"
    /// inside), and a lost connection leaves us guessing. The record at our key tells.
    async fn already_published(
        &self,
        rkey: &str,
        record: &Value,
        failure: Failure,
    ) -> Result<RemotePost, NetworkError> {
        let worth_a_look = match &failure {
            Failure::Status(response) => !matches!(response.status, 401 | 403 | 429),
            Failure::Network(err) => matches!(err, NetworkError::OutcomeUnknown { .. }),
        };
        let failure = xrpc::into_network_error(failure);
        if !worth_a_look || failure.code() == "auth" {
            return Err(failure);
        }
        let session = self.sessions.current().await?;
        let existing = match self.get_record(&AtUri::post(&session.did, rkey)).await {
            Ok(Some(existing)) => existing,
            // Nothing there (or no way to look): the original failure stands.
            Ok(None) | Err(_) => return Err(failure),
        };
        if same_post(&existing, record) {
            tracing::info!(uri = %existing.uri, "the post was already published under this key");
            Ok(remote_post(existing.uri, existing.cid))
        } else {
            Err(NetworkError::Rejected {
                message: format!(
                    "Bluesky already has a different post at {}, the address reserved for this \
                     one; it was probably published earlier with other text.",
                    existing.uri
                ),
                status: None,
            })
        }
    }

    /// Facets for the text, with mentions resolved to DIDs; a handle nobody has stays plain text.
    async fn facets(&self, text: &str) -> Result<Vec<Value>, NetworkError> {
        let candidates = facets::detect(text);
        let mut dids: HashMap<String, Option<String>> = HashMap::new();
        let mut out = Vec::with_capacity(candidates.len());
        for candidate in candidates {
            let feature = match &candidate.kind {
                CandidateKind::Link(uri) => facets::link_feature(uri),
                CandidateKind::Tag(tag) => facets::tag_feature(tag),
                CandidateKind::Mention(handle) => {
                    let did = match dids.get(handle) {
                        Some(did) => did.clone(),
                        None => {
                            let did = self.resolve_handle(handle).await?;
                            dids.insert(handle.clone(), did.clone());
                            did
                        }
                    };
                    let Some(did) = did else { continue };
                    facets::mention_feature(&did)
                }
            };
            out.push(facets::to_record(&candidate.bytes, feature));
        }
        Ok(out)
    }

    #[tracing::instrument(skip_all, fields(handle = %handle))]
    async fn resolve_handle(&self, handle: &str) -> Result<Option<String>, NetworkError> {
        #[derive(Deserialize)]
        struct Resolved {
            did: String,
        }
        let session = self.sessions.current().await?;
        let url = xrpc::endpoint(&session.pds, "com.atproto.identity.resolveHandle")?;
        match http::send_json::<Resolved>(self.http.get(url).query(&[("handle", handle)])).await {
            Ok(resolved) => Ok(Some(resolved.did)),
            // The handle does not exist (or is malformed): leave it as text, as the app does.
            Err(Failure::Status(response)) if response.status == 400 || response.status == 404 => {
                tracing::debug!(reason = %response.describe(), "mention left as plain text");
                Ok(None)
            }
            Err(failure) => Err(xrpc::into_network_error(failure)),
        }
    }

    /// `{uri, cid}` of a post being replied to; looks the CID up when the caller lacks it.
    async fn strong_ref(&self, post: &RemotePost) -> Result<Value, NetworkError> {
        if let Some(cid) = &post.cid {
            return Ok(json!({ "uri": post.id, "cid": cid }));
        }
        let uri = AtUri::parse(&post.id)?;
        let record: StoredRecord =
            self.get_record(&uri)
                .await?
                .ok_or_else(|| NetworkError::Rejected {
                    message: format!("The post this replies to ({}) no longer exists.", post.id),
                    status: None,
                })?;
        let cid = record.cid.ok_or_else(|| NetworkError::Rejected {
            message: format!(
                "Bluesky did not say which version of {} to reply to.",
                post.id
            ),
            status: None,
        })?;
        Ok(json!({ "uri": record.uri, "cid": cid }))
    }
}

/// The same segment, not a stranger that happens to share the key (tokens are hashed into the
/// key, so an unrelated record there is unlikely but possible).
fn same_post(existing: &StoredRecord, record: &Value) -> bool {
    existing.value.get("createdAt") == record.get("createdAt")
        && existing.value.get("text") == record.get("text")
}

/// `createdAt` as the record stores it: RFC 3339, milliseconds, `Z`.
pub(super) fn created_at(key: &IdempotencyKey) -> String {
    key.created_at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(super) fn created_at_of(record: &StoredRecord) -> Option<String> {
    record.value.get("createdAt")?.as_str().map(str::to_owned)
}

pub(super) fn remote_post(uri: String, cid: Option<String>) -> RemotePost {
    let url = AtUri::parse(&uri)
        .ok()
        .map(|at| format!("https://bsky.app/profile/{}/post/{}", at.repo, at.rkey));
    RemotePost { id: uri, cid, url }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_posts_link_to_the_app() {
        let post = remote_post(
            "at://did:plc:abc/app.bsky.feed.post/3kxyz".into(),
            Some("bafy".into()),
        );
        assert_eq!(
            post.url.as_deref(),
            Some("https://bsky.app/profile/did:plc:abc/post/3kxyz")
        );
        assert_eq!(post.cid.as_deref(), Some("bafy"));
    }

    #[test]
    fn a_record_with_other_text_is_not_ours() {
        let ours = json!({"text": "hello", "createdAt": "2024-01-01T00:00:00.000Z"});
        let stored = |value: Value| StoredRecord {
            uri: "at://x/app.bsky.feed.post/y".into(),
            cid: None,
            value,
        };
        assert!(same_post(&stored(ours.clone()), &ours));
        assert!(!same_post(
            &stored(json!({"text": "bye", "createdAt": "2024-01-01T00:00:00.000Z"})),
            &ours
        ));
    }
}
