//! Bluesky's limits, checked before anything is scheduled, in words a person acts on.

use crate::text::graphemes;
use crate::{OutgoingPost, ValidationProblem};

pub const MAX_GRAPHEMES: usize = 300;
/// The lexicon's second limit on `text`; only reachable with very long grapheme clusters.
pub const MAX_TEXT_BYTES: usize = 3000;
pub const MAX_IMAGES: usize = 4;
pub const MAX_IMAGE_BYTES: usize = 1_000_000;
pub const MAX_ALT_GRAPHEMES: usize = 2000;
pub const IMAGE_TYPES: [&str; 4] = ["image/jpeg", "image/png", "image/webp", "image/gif"];

pub const CONTENT_WARNING_PROBLEM: &str = "Bluesky has no content warnings for text, so this \
    warning could not be shown there. Remove the warning, or leave Bluesky out of this post.";

pub fn validate(post: &OutgoingPost) -> Vec<ValidationProblem> {
    let mut problems = Vec::new();
    let mut problem = |field: String, message: String| {
        problems.push(ValidationProblem { field, message });
    };

    let length = graphemes(&post.text);
    if length > MAX_GRAPHEMES {
        problem(
            "text".into(),
            format!("This post is {length} characters; Bluesky allows {MAX_GRAPHEMES}."),
        );
    } else if post.text.len() > MAX_TEXT_BYTES {
        problem(
            "text".into(),
            format!(
                "This post takes {} bytes; Bluesky stores at most {MAX_TEXT_BYTES}. \
                 Shorten it, or use fewer emoji sequences.",
                post.text.len()
            ),
        );
    }
    if post.text.trim().is_empty() && post.images.is_empty() {
        problem(
            "text".into(),
            "This post is empty; write something or add an image.".into(),
        );
    }
    if post.content_warning.is_some() {
        problem("content_warning".into(), CONTENT_WARNING_PROBLEM.into());
    }
    if post.images.len() > MAX_IMAGES {
        problem(
            "images".into(),
            format!(
                "This post has {} images; Bluesky allows {MAX_IMAGES}.",
                post.images.len()
            ),
        );
    }
    for (i, image) in post.images.iter().enumerate() {
        let field = format!("images[{i}]");
        let number = i + 1;
        if !IMAGE_TYPES.contains(&image.mime_type.as_str()) {
            problem(
                field.clone(),
                format!(
                    "Image {number} is {}; Bluesky accepts JPEG, PNG, WebP and GIF images.",
                    describe_type(&image.mime_type)
                ),
            );
        }
        if image.bytes.len() > MAX_IMAGE_BYTES {
            problem(
                field.clone(),
                format!(
                    "Image {number} is {}; Bluesky allows 1 MB per image. Resize or compress it.",
                    megabytes(image.bytes.len())
                ),
            );
        }
        let alt = graphemes(&image.alt);
        if alt > MAX_ALT_GRAPHEMES {
            problem(
                field,
                format!(
                    "The description of image {number} is {alt} characters; Bluesky allows {MAX_ALT_GRAPHEMES}."
                ),
            );
        }
    }
    problems
}

fn describe_type(mime: &str) -> String {
    if mime.is_empty() {
        "of an unknown type".into()
    } else {
        format!("of type {mime}")
    }
}

/// "1.4 MB": decimal megabytes, as Bluesky states its limit.
pub fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OutgoingImage;

    fn image(bytes: usize, mime: &str, alt: &str) -> OutgoingImage {
        OutgoingImage {
            bytes: vec![0; bytes],
            mime_type: mime.into(),
            alt: alt.into(),
            width: 10,
            height: 10,
        }
    }

    fn messages(post: &OutgoingPost) -> Vec<(String, String)> {
        validate(post)
            .into_iter()
            .map(|p| (p.field, p.message))
            .collect()
    }

    #[test]
    fn a_normal_post_passes() {
        let post = OutgoingPost {
            text: "é".repeat(300),
            images: vec![image(1_000_000, "image/png", "a gradient")],
            ..Default::default()
        };
        assert!(validate(&post).is_empty());
    }

    #[test]
    fn counts_graphemes_and_says_so() {
        let post = OutgoingPost {
            text: "👩‍👩‍👧‍👦".repeat(301),
            ..Default::default()
        };
        assert_eq!(
            messages(&post),
            [(
                "text".to_string(),
                "This post is 301 characters; Bluesky allows 300.".to_string()
            )]
        );
    }

    #[test]
    fn reports_every_image_problem() {
        let post = OutgoingPost {
            text: "hi".into(),
            images: vec![
                image(10, "image/png", "ok"),
                image(1_400_000, "image/tiff", &"x".repeat(2001)),
                image(10, "image/png", ""),
                image(10, "image/png", ""),
                image(10, "image/png", ""),
            ],
            ..Default::default()
        };
        assert_eq!(
            messages(&post),
            [
                ("images".to_string(), "This post has 5 images; Bluesky allows 4.".to_string()),
                (
                    "images[1]".to_string(),
                    "Image 2 is of type image/tiff; Bluesky accepts JPEG, PNG, WebP and GIF images."
                        .to_string()
                ),
                (
                    "images[1]".to_string(),
                    "Image 2 is 1.4 MB; Bluesky allows 1 MB per image. Resize or compress it."
                        .to_string()
                ),
                (
                    "images[1]".to_string(),
                    "The description of image 2 is 2001 characters; Bluesky allows 2000."
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn content_warnings_and_empty_posts_are_problems() {
        let post = OutgoingPost {
            content_warning: Some("spoilers".into()),
            ..Default::default()
        };
        let fields: Vec<String> = validate(&post).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["text", "content_warning"]);
    }
}
