//! The edit recipe: what the user did to an image, stored as JSON beside the untouched
//! original and applied when rendering (non-destructive editing).

use crate::{InvalidInput, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Crop aspect presets per network and format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum AspectPreset {
    /// Any rectangle.
    #[serde(rename = "free")]
    Free,
    /// Instagram square.
    #[serde(rename = "1:1")]
    Square,
    /// Instagram portrait.
    #[serde(rename = "4:5")]
    Portrait,
    /// Instagram landscape, LinkedIn.
    #[serde(rename = "1.91:1")]
    Landscape,
    /// Instagram story.
    #[serde(rename = "9:16")]
    Story,
    /// X, Bluesky.
    #[serde(rename = "16:9")]
    Wide,
}

impl AspectPreset {
    pub const ALL: [AspectPreset; 6] = [
        Self::Free,
        Self::Square,
        Self::Portrait,
        Self::Landscape,
        Self::Story,
        Self::Wide,
    ];

    /// Width / height, or `None` for free.
    pub fn ratio(self) -> Option<f64> {
        match self {
            Self::Free => None,
            Self::Square => Some(1.0),
            Self::Portrait => Some(4.0 / 5.0),
            Self::Landscape => Some(1.91),
            Self::Story => Some(9.0 / 16.0),
            Self::Wide => Some(16.0 / 9.0),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::Square => "1:1",
            Self::Portrait => "4:5",
            Self::Landscape => "1.91:1",
            Self::Story => "9:16",
            Self::Wide => "16:9",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                InvalidInput::new(
                    "crop",
                    format!(
                        "unknown crop preset {s:?}; use one of {}",
                        Self::ALL.map(|p| p.as_str()).join(", ")
                    ),
                )
            })
    }
}

/// A crop, as fractions (0..1) of the image the user sees in the editor: after EXIF
/// orientation, rotation and flips. With an aspect preset, the rectangle is narrowed around
/// its centre to that exact aspect when rendering.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Crop {
    pub aspect: AspectPreset,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

impl Crop {
    /// The largest centred crop of `aspect` in a `width` x `height` image.
    pub fn centered(aspect: AspectPreset, width: u32, height: u32) -> Crop {
        let (x, y, w, h) = Crop::whole(aspect).pixels(width, height);
        Crop {
            aspect,
            x: (x / f64::from(width)) as f32,
            y: (y / f64::from(height)) as f32,
            width: (w / f64::from(width)) as f32,
            height: (h / f64::from(height)) as f32,
        }
    }

    /// The whole frame (narrowed to `aspect` when it has one).
    pub fn whole(aspect: AspectPreset) -> Crop {
        Crop {
            aspect,
            x: 0.0,
            y: 0.0,
            width: 1.0,
            height: 1.0,
        }
    }

    /// The rectangle in pixels of a `width` x `height` frame, aspect applied.
    pub fn pixels(&self, width: u32, height: u32) -> (f64, f64, f64, f64) {
        let (fw, fh) = (f64::from(width), f64::from(height));
        let mut x = f64::from(self.x.clamp(0.0, 1.0)) * fw;
        let mut y = f64::from(self.y.clamp(0.0, 1.0)) * fh;
        let mut w = (f64::from(self.width) * fw).clamp(1.0, fw - x);
        let mut h = (f64::from(self.height) * fh).clamp(1.0, fh - y);
        if let Some(ratio) = self.aspect.ratio() {
            let (cx, cy) = (x + w / 2.0, y + h / 2.0);
            if w / h > ratio {
                w = h * ratio;
            } else {
                h = w / ratio;
            }
            x = cx - w / 2.0;
            y = cy - h / 2.0;
        }
        (x.max(0.0), y.max(0.0), w.max(1.0), h.max(1.0))
    }
}

/// A few tasteful looks, each a fixed set of adjustments added to the user's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Filter {
    /// Black and white with a little extra contrast.
    Mono,
    /// Lifted blacks, softer colour.
    Fade,
    /// Richer colour and contrast.
    Vivid,
    /// Warm, slightly bright: late-afternoon light.
    Golden,
}

impl Filter {
    pub const ALL: [Filter; 4] = [Self::Mono, Self::Fade, Self::Vivid, Self::Golden];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mono => "mono",
            Self::Fade => "fade",
            Self::Vivid => "vivid",
            Self::Golden => "golden",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                InvalidInput::new(
                    "filter",
                    format!(
                        "unknown filter {s:?}; use one of {}",
                        Self::ALL.map(|f| f.as_str()).join(", ")
                    ),
                )
            })
    }
}

/// Everything the editor stores for an image. The default changes nothing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Recipe {
    pub crop: Option<Crop>,
    /// Clockwise quarter turns: 0, 90, 180 or 270.
    pub rotate: u16,
    pub flip_horizontal: bool,
    pub flip_vertical: bool,
    /// Degrees, -15..15, clockwise; the frame zooms in so no empty corners show.
    pub straighten: f32,
    /// Each -1..1, 0 = unchanged.
    pub brightness: f32,
    pub contrast: f32,
    pub saturation: f32,
    pub warmth: f32,
    pub filter: Option<Filter>,
    /// Stamp the workspace's brand watermark.
    pub watermark: bool,
    /// Words set on the picture.
    pub text: Option<TextOverlay>,
}

/// Text set on the image when rendering (DejaVu Sans Bold, the same font the editor previews
/// with), in a corner or the centre, over an optional dark band for legibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TextOverlay {
    /// One or more lines (at most 200 characters).
    pub text: String,
    pub position: crate::render::WatermarkPosition,
    /// Font size as a fraction of the output's width (0.02..0.2).
    pub size: f32,
    /// "#rrggbb".
    pub color: String,
    /// A translucent dark band behind the text.
    pub backdrop: bool,
}

pub const MAX_OVERLAY_CHARS: usize = 200;

impl TextOverlay {
    /// The colour as RGB; validated by [`Recipe::validate`].
    pub fn rgb(&self) -> Option<[u8; 3]> {
        let hex = self.color.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some([byte(0)?, byte(2)?, byte(4)?])
    }

    fn validate(&self) -> Result<()> {
        let invalid = |message: String| Err(InvalidInput::new("text", message));
        let chars = self.text.chars().count();
        if self.text.trim().is_empty() {
            return invalid("the text on the image is empty; write some or remove it".into());
        }
        if chars > MAX_OVERLAY_CHARS {
            return invalid(format!(
                "the text on the image is {chars} characters; at most {MAX_OVERLAY_CHARS} fit"
            ));
        }
        if self.text.chars().any(|c| c.is_control() && c != '\n') {
            return invalid("the text on the image holds control characters (tabs, escapes); only line breaks are kept".into());
        }
        if self.text.lines().count() > 4 {
            return invalid("the text on the image has more than 4 lines".into());
        }
        if !self.size.is_finite() || !(0.02..=0.2).contains(&self.size) {
            return invalid(format!(
                "the text size must be between 2% and 20% of the image's width, not {}",
                self.size
            ));
        }
        if self.rgb().is_none() {
            return invalid(format!(
                "the text colour must be written #rrggbb, not {:?}",
                self.color
            ));
        }
        Ok(())
    }
}

pub const MAX_STRAIGHTEN_DEGREES: f32 = 15.0;

impl Recipe {
    pub fn is_identity(&self) -> bool {
        *self == Recipe::default()
    }

    /// Refuses values the renderer cannot honour, naming the field.
    pub fn validate(&self) -> Result<()> {
        if let Some(text) = &self.text {
            text.validate()?;
        }
        if ![0, 90, 180, 270].contains(&self.rotate) {
            return Err(InvalidInput::new(
                "rotate",
                format!(
                    "rotation must be 0, 90, 180 or 270 degrees, not {}",
                    self.rotate
                ),
            ));
        }
        if !self.straighten.is_finite() || self.straighten.abs() > MAX_STRAIGHTEN_DEGREES {
            return Err(InvalidInput::new(
                "straighten",
                format!(
                    "straighten must be between -{MAX_STRAIGHTEN_DEGREES} and {MAX_STRAIGHTEN_DEGREES} degrees, not {}",
                    self.straighten
                ),
            ));
        }
        for (field, value) in [
            ("brightness", self.brightness),
            ("contrast", self.contrast),
            ("saturation", self.saturation),
            ("warmth", self.warmth),
        ] {
            if !value.is_finite() || !(-1.0..=1.0).contains(&value) {
                return Err(InvalidInput::new(
                    field,
                    format!("{field} must be between -1 and 1, not {value}"),
                ));
            }
        }
        if let Some(c) = &self.crop {
            let ok = [c.x, c.y, c.width, c.height]
                .iter()
                .all(|v| v.is_finite() && (0.0..=1.0).contains(v))
                && c.width > 0.0
                && c.height > 0.0
                && c.x + c.width <= 1.0001
                && c.y + c.height <= 1.0001;
            if !ok {
                return Err(InvalidInput::new(
                    "crop",
                    format!(
                        "the crop must lie inside the image (fractions 0..1), got x {} y {} width {} height {}",
                        c.x, c.y, c.width, c.height
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The user's adjustments plus the filter's.
    pub fn effective_adjustments(&self) -> Adjustments {
        let (b, c, s, w) = match self.filter {
            None => (0.0, 0.0, 0.0, 0.0),
            Some(Filter::Mono) => (0.0, 0.15, -1.0, 0.0),
            Some(Filter::Fade) => (0.05, -0.25, -0.2, 0.05),
            Some(Filter::Vivid) => (0.0, 0.15, 0.35, 0.0),
            Some(Filter::Golden) => (0.05, 0.05, 0.1, 0.35),
        };
        Adjustments {
            brightness: (self.brightness + b).clamp(-1.0, 1.0),
            contrast: (self.contrast + c).clamp(-1.0, 1.0),
            saturation: (self.saturation + s).clamp(-1.0, 1.0),
            warmth: (self.warmth + w).clamp(-1.0, 1.0),
            lift: if self.filter == Some(Filter::Fade) {
                0.08
            } else {
                0.0
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Adjustments {
    pub brightness: f32,
    pub contrast: f32,
    pub saturation: f32,
    pub warmth: f32,
    /// Raises the black point (0..1), for faded looks.
    pub lift: f32,
}

impl Adjustments {
    pub fn is_identity(&self) -> bool {
        *self == Adjustments::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_as_json_and_defaults_missing_fields() {
        let r: Recipe = serde_json::from_str(
            r#"{"crop":{"aspect":"4:5","x":0.1,"y":0,"width":0.8,"height":1},"rotate":90}"#,
        )
        .expect("parse");
        assert_eq!(r.rotate, 90);
        assert_eq!(r.crop.map(|c| c.aspect), Some(AspectPreset::Portrait));
        let back: Recipe =
            serde_json::from_str(&serde_json::to_string(&r).expect("json")).expect("parse");
        assert_eq!(back, r);
        assert!(Recipe::default().is_identity());
    }

    #[test]
    fn refuses_bad_values_naming_the_field() {
        let bad = [
            (
                Recipe {
                    rotate: 45,
                    ..Default::default()
                },
                "rotate",
            ),
            (
                Recipe {
                    straighten: 30.0,
                    ..Default::default()
                },
                "straighten",
            ),
            (
                Recipe {
                    warmth: f32::NAN,
                    ..Default::default()
                },
                "warmth",
            ),
            (
                Recipe {
                    crop: Some(Crop {
                        aspect: AspectPreset::Free,
                        x: 0.5,
                        y: 0.0,
                        width: 0.8,
                        height: 1.0,
                    }),
                    ..Default::default()
                },
                "crop",
            ),
        ];
        for (recipe, field) in bad {
            let err = recipe.validate().expect_err(field);
            assert_eq!(err.field, field, "{err}");
        }
        let overlay = |text: &str, size: f32, color: &str| Recipe {
            text: Some(TextOverlay {
                text: text.into(),
                position: crate::render::WatermarkPosition::BottomLeft,
                size,
                color: color.into(),
                backdrop: true,
            }),
            ..Default::default()
        };
        overlay("Fresh today\nfrom 7", 0.06, "#ffcc00")
            .validate()
            .expect("a good overlay");
        for (recipe, says) in [
            (overlay("  ", 0.06, "#ffffff"), "empty"),
            (overlay(&"x".repeat(201), 0.06, "#ffffff"), "201 characters"),
            (overlay("tab\there", 0.06, "#ffffff"), "control characters"),
            (
                overlay("a\nb\nc\nd\ne", 0.06, "#ffffff"),
                "more than 4 lines",
            ),
            (overlay("Hi", 0.5, "#ffffff"), "between 2% and 20%"),
            (overlay("Hi", 0.06, "white"), "#rrggbb"),
        ] {
            let err = recipe.validate().expect_err(says);
            assert_eq!(err.field, "text");
            assert!(err.to_string().contains(says), "{err}");
        }
        assert!(
            AspectPreset::parse("3:2")
                .expect_err("3:2")
                .to_string()
                .contains("1.91:1")
        );
    }

    #[test]
    fn centred_crops_have_the_preset_aspect() {
        for preset in AspectPreset::ALL.into_iter().skip(1) {
            let c = Crop::centered(preset, 6000, 4000);
            let (_, _, w, h) = c.pixels(6000, 4000);
            let ratio = preset.ratio().expect("ratio");
            assert!((w / h - ratio).abs() < 0.01, "{preset:?}: {w}x{h}");
        }
    }
}
