//! Image uploads: `POST /api/v2/media`, then, when the server processes the file in the
//! background (202, `url: null`), polling until it is ready, within a bound.

use std::time::Duration;

use reqwest::multipart::{Form, Part};

use super::Mastodon;
use super::api::MediaAttachment;
use crate::http::{self, Failure};
use crate::{NetworkError, OutgoingImage};

/// About a minute in all; images are usually ready in a second or two.
const POLL_DELAYS_MS: [u64; 12] = [
    250, 500, 1000, 2000, 3000, 5000, 5000, 8000, 8000, 8000, 10_000, 10_000,
];

impl Mastodon {
    #[tracing::instrument(skip_all, fields(bytes = image.bytes.len(), mime_type = %image.mime_type))]
    pub(super) async fn upload(&self, image: &OutgoingImage) -> Result<String, NetworkError> {
        let file = Part::bytes(image.bytes.clone())
            .file_name(format!("image.{}", extension(&image.mime_type)))
            .mime_str(&image.mime_type)
            .map_err(|err| NetworkError::Rejected {
                message: format!("{} is not a media type: {err}", image.mime_type),
                status: None,
            })?;
        let mut form = Form::new().part("file", file);
        if !image.alt.is_empty() {
            form = form.text("description", image.alt.clone());
        }
        let request = self
            .request(reqwest::Method::POST, &["api", "v2", "media"])?
            .multipart(form);
        let mut media: MediaAttachment =
            http::send_json(request)
                .await
                .map_err(|failure| match failure {
                    // An upload that may have gone through only leaves an unattached file behind, which
                    // the server deletes by itself: uploading again is safe.
                    Failure::Network(NetworkError::OutcomeUnknown { message }) => {
                        NetworkError::Transient {
                            message,
                            retry_after: None,
                        }
                    }
                    other => other.into(),
                })?;
        for delay in POLL_DELAYS_MS {
            if media.url.is_some() {
                return Ok(media.id);
            }
            tokio::time::sleep(Duration::from_millis(delay)).await;
            let request = self.request(reqwest::Method::GET, &["api", "v1", "media", &media.id])?;
            media = http::send_json(request).await?;
        }
        if media.url.is_some() {
            Ok(media.id)
        } else {
            Err(NetworkError::Transient {
                message: "the server is still processing the image after a minute".into(),
                retry_after: None,
            })
        }
    }
}

fn extension(mime_type: &str) -> &'static str {
    match mime_type {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "image/avif" => "avif",
        "image/heic" => "heic",
        _ => "bin",
    }
}
