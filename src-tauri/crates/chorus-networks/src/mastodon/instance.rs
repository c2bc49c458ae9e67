//! The server's own limits (`GET /api/v2/instance` → `configuration`), fetched once and kept, so
//! that validation (which cannot wait on the network) counts the way this server does.

use serde::Deserialize;
use serde_json::Value;

use crate::http::{self, Failure};

/// The values Mastodon used before servers published them.
const FALLBACK_MAX_CHARACTERS: usize = 500;
const FALLBACK_MAX_MEDIA: usize = 4;
const FALLBACK_CHARS_PER_URL: usize = 23;
const FALLBACK_IMAGE_BYTES: u64 = 10 * 1024 * 1024;
const FALLBACK_DESCRIPTION_LIMIT: usize = 1500;
const FALLBACK_IMAGE_TYPES: [&str; 4] = ["image/jpeg", "image/png", "image/gif", "image/webp"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceLimits {
    /// The name people use for the server, e.g. "mastodon.social".
    pub domain: String,
    pub max_characters: usize,
    pub max_media_attachments: usize,
    pub characters_reserved_per_url: usize,
    pub image_size_limit: u64,
    pub supported_mime_types: Vec<String>,
    pub description_limit: usize,
}

impl InstanceLimits {
    pub fn fallback(domain: &str) -> Self {
        Self {
            domain: domain.to_owned(),
            max_characters: FALLBACK_MAX_CHARACTERS,
            max_media_attachments: FALLBACK_MAX_MEDIA,
            characters_reserved_per_url: FALLBACK_CHARS_PER_URL,
            image_size_limit: FALLBACK_IMAGE_BYTES,
            supported_mime_types: FALLBACK_IMAGE_TYPES
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            description_limit: FALLBACK_DESCRIPTION_LIMIT,
        }
    }

    /// Reads an instance document (v2, or v1 from older servers); what is missing keeps the
    /// fallback value.
    pub fn from_instance(document: &Value, fallback_domain: &str) -> Self {
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Configuration {
            statuses: Statuses,
            media_attachments: Media,
        }
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Statuses {
            max_characters: Option<usize>,
            max_media_attachments: Option<usize>,
            characters_reserved_per_url: Option<usize>,
        }
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Media {
            supported_mime_types: Option<Vec<String>>,
            image_size_limit: Option<u64>,
            description_limit: Option<usize>,
        }
        let configuration: Configuration = document
            .get("configuration")
            .and_then(|c| serde_json::from_value(c.clone()).ok())
            .unwrap_or_default();
        let domain = ["domain", "uri"]
            .iter()
            .find_map(|k| document.get(*k)?.as_str())
            .map(|d| d.trim_start_matches("https://").trim_end_matches('/'))
            .filter(|d| !d.is_empty())
            .unwrap_or(fallback_domain);
        let fallback = Self::fallback(domain);
        Self {
            domain: fallback.domain,
            max_characters: configuration
                .statuses
                .max_characters
                // Pleroma and Akkoma
                .or_else(|| document.get("max_toot_chars")?.as_u64().map(|n| n as usize))
                .unwrap_or(fallback.max_characters),
            max_media_attachments: configuration
                .statuses
                .max_media_attachments
                .unwrap_or(fallback.max_media_attachments),
            characters_reserved_per_url: configuration
                .statuses
                .characters_reserved_per_url
                .unwrap_or(fallback.characters_reserved_per_url),
            image_size_limit: configuration
                .media_attachments
                .image_size_limit
                .unwrap_or(fallback.image_size_limit),
            supported_mime_types: configuration
                .media_attachments
                .supported_mime_types
                .filter(|types| !types.is_empty())
                .unwrap_or(fallback.supported_mime_types),
            description_limit: configuration
                .media_attachments
                .description_limit
                .unwrap_or(fallback.description_limit),
        }
    }
}

/// `GET /api/v2/instance`, or `/api/v1/instance` where v2 does not exist (before Mastodon 4.0).
pub async fn fetch(
    http: &reqwest::Client,
    v2: url::Url,
    v1: url::Url,
    fallback_domain: &str,
) -> Result<InstanceLimits, Failure> {
    let document: Value = match http::send_json(http.get(v2)).await {
        Err(Failure::Status(missing)) if missing.status == 404 => {
            http::send_json(http.get(v1)).await?
        }
        other => other?,
    };
    Ok(InstanceLimits::from_instance(&document, fallback_domain))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_v2_configuration() {
        let document = json!({
            "domain": "social.example",
            "configuration": {
                "statuses": {"max_characters": 1000, "max_media_attachments": 8, "characters_reserved_per_url": 23},
                "media_attachments": {"supported_mime_types": ["image/png"], "image_size_limit": 16777216, "description_limit": 1500}
            }
        });
        let limits = InstanceLimits::from_instance(&document, "fallback.example");
        assert_eq!(limits.domain, "social.example");
        assert_eq!(limits.max_characters, 1000);
        assert_eq!(limits.max_media_attachments, 8);
        assert_eq!(limits.image_size_limit, 16_777_216);
        assert_eq!(limits.supported_mime_types, ["image/png"]);
    }

    #[test]
    fn falls_back_when_the_server_says_nothing() {
        let limits = InstanceLimits::from_instance(&json!({}), "old.example");
        assert_eq!(limits, InstanceLimits::fallback("old.example"));
        assert_eq!(limits.max_characters, 500);
        assert_eq!(limits.max_media_attachments, 4);
        assert_eq!(limits.characters_reserved_per_url, 23);
    }

    #[test]
    fn reads_pleroma_max_toot_chars_from_v1() {
        let limits = InstanceLimits::from_instance(
            &json!({"uri": "https://pleroma.example", "max_toot_chars": 5000}),
            "x",
        );
        assert_eq!(limits.domain, "pleroma.example");
        assert_eq!(limits.max_characters, 5000);
    }
}
