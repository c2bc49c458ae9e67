//! What each network accepts, as output limits for the renderer.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a render is going. Networks Chorus publishes to, plus Instagram-sized exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum RenderTarget {
    Bluesky,
    Mastodon,
    Nostr,
    Instagram,
}

impl RenderTarget {
    pub const ALL: [RenderTarget; 4] =
        [Self::Bluesky, Self::Mastodon, Self::Nostr, Self::Instagram];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bluesky => "bluesky",
            Self::Mastodon => "mastodon",
            Self::Nostr => "nostr",
            Self::Instagram => "instagram",
        }
    }

    /// Also the preset of the network of that name (`NetworkKind::as_str`).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn preset(self) -> OutputPreset {
        match self {
            // The Bluesky PDS refuses blobs over 1,000,000 bytes; the official app sends
            // JPEGs at most 2000 px on the long side.
            Self::Bluesky => OutputPreset {
                target: self,
                max_long_side: 2000,
                max_width: None,
                max_pixels: None,
                max_bytes: 1_000_000,
                keep_png_for_transparency: false,
            },
            // Mastodon (4.2 and later) keeps at most 8,294,400 pixels (3840x2160) of an
            // image and shrinks anything larger itself (MediaAttachment::IMAGE_STYLES); it
            // takes files up to 16 MB (10 MB before 4.2), and PNG.
            Self::Mastodon => OutputPreset {
                target: self,
                max_long_side: 8192,
                max_width: None,
                max_pixels: Some(8_294_400),
                max_bytes: 8_000_000,
                keep_png_for_transparency: true,
            },
            // Nostr has no hard limit (media hosts vary); 2048 px JPEG loads well everywhere.
            Self::Nostr => OutputPreset {
                target: self,
                max_long_side: 2048,
                max_width: None,
                max_pixels: None,
                max_bytes: 5_000_000,
                keep_png_for_transparency: false,
            },
            // Instagram shows 1080 px wide (1:1 1080x1080, 4:5 1080x1350, 1.91:1 1080x566,
            // story 9:16 1080x1920): the aspect comes from the recipe's crop preset.
            Self::Instagram => OutputPreset {
                target: self,
                max_long_side: 1920,
                max_width: Some(1080),
                max_pixels: None,
                max_bytes: 8_000_000,
                keep_png_for_transparency: false,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputPreset {
    pub target: RenderTarget,
    pub max_long_side: u32,
    pub max_width: Option<u32>,
    pub max_pixels: Option<u64>,
    pub max_bytes: usize,
    /// Transparent images stay PNG (else they are flattened on white and sent as JPEG).
    pub keep_png_for_transparency: bool,
}

impl OutputPreset {
    /// The largest size within the limits for a `w` x `h` picture, never upscaled.
    pub fn fit(&self, w: u32, h: u32) -> (u32, u32) {
        let (fw, fh) = (f64::from(w.max(1)), f64::from(h.max(1)));
        let mut scale = 1.0f64;
        scale = scale.min(f64::from(self.max_long_side) / fw.max(fh));
        if let Some(max_w) = self.max_width {
            scale = scale.min(f64::from(max_w) / fw);
        }
        if let Some(max_px) = self.max_pixels {
            scale = scale.min((max_px as f64 / (fw * fh)).sqrt());
        }
        let scale = scale.min(1.0);
        (
            ((fw * scale).floor() as u32).max(1),
            ((fh * scale).floor() as u32).max(1),
        )
    }
}
