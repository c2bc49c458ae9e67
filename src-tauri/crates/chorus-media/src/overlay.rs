//! Text set on an image: DejaVu Sans Bold (bundled, so every machine renders the same), laid
//! out the way the editor's preview lays it out in CSS: font size a fraction of the output's
//! width, line height ascent + descent (CSS `line-height: 1.164` for this font), no kerning
//! or ligatures (`font-kerning: none`), a padding of 0.25 em across and 0.125 em down, a
//! margin of 1/30 of the shorter side from the edges, as for the watermark.

use crate::recipe::TextOverlay;
use crate::render::WatermarkPosition;
use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::DynamicImage;
use std::sync::OnceLock;

/// The font's file, also served to the editor (ui imports it from here).
pub const FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
/// The band's colour behind the text: black at this opacity.
pub const BACKDROP_OPACITY: f32 = 0.45;
const PAD_X_EM: f32 = 0.25;
const PAD_Y_EM: f32 = 0.125;

pub(crate) fn font() -> &'static FontRef<'static> {
    static FONT_REF: OnceLock<FontRef<'static>> = OnceLock::new();
    FONT_REF.get_or_init(|| FontRef::try_from_slice(FONT).expect("the bundled font parses"))
}

/// Where the text block (band included) lands in a `w` x `h` image, and its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Font size in pixels (the em).
    pub em: f32,
    /// The block, band included: left, top, width, height.
    pub block: (f32, f32, f32, f32),
    /// Each line's left edge and baseline.
    pub lines: Vec<(String, f32, f32)>,
}

/// The font's ascent and descent, in ems.
fn metrics() -> (f32, f32) {
    let f = font();
    let upem = f.units_per_em().unwrap_or(2048.0);
    (f.ascent_unscaled() / upem, f.descent_unscaled() / upem)
}

/// ab_glyph scales so that ascent - descent is the given height: the scale of an `em`.
fn scale_of(em: f32) -> PxScale {
    let (ascent, descent) = metrics();
    PxScale::from(em * (ascent - descent))
}

fn line_width(text: &str, scale: PxScale) -> f32 {
    let scaled = font().as_scaled(scale);
    text.chars()
        .map(|c| scaled.h_advance(font().glyph_id(c)))
        .sum()
}

/// Lays `overlay` out in a `w` x `h` image.
pub fn layout(overlay: &TextOverlay, w: u32, h: u32) -> Layout {
    let em = (overlay.size.clamp(0.02, 0.2) * w as f32).max(1.0);
    let (ascent, descent) = metrics();
    let line_height = em * (ascent - descent);
    let scale = scale_of(em);
    let texts: Vec<&str> = overlay.text.lines().collect();
    let widths: Vec<f32> = texts.iter().map(|t| line_width(t, scale)).collect();
    let text_w = widths.iter().copied().fold(0.0, f32::max);
    let (pad_x, pad_y) = (PAD_X_EM * em, PAD_Y_EM * em);
    let block_w = text_w + 2.0 * pad_x;
    let block_h = line_height * texts.len() as f32 + 2.0 * pad_y;
    let margin = (w.min(h) / 30) as f32;
    let (fw, fh) = (w as f32, h as f32);
    let (left, top) = match overlay.position {
        WatermarkPosition::TopLeft => (margin, margin),
        WatermarkPosition::TopRight => (fw - block_w - margin, margin),
        WatermarkPosition::BottomLeft => (margin, fh - block_h - margin),
        WatermarkPosition::BottomRight => (fw - block_w - margin, fh - block_h - margin),
        WatermarkPosition::Center => ((fw - block_w) / 2.0, (fh - block_h) / 2.0),
    };
    let lines = texts
        .iter()
        .zip(&widths)
        .enumerate()
        .map(|(i, (text, &lw))| {
            // Aligned towards the side the block sits on; centred in the centre.
            let x = match overlay.position {
                WatermarkPosition::TopRight | WatermarkPosition::BottomRight => {
                    left + pad_x + text_w - lw
                }
                WatermarkPosition::Center => left + pad_x + (text_w - lw) / 2.0,
                _ => left + pad_x,
            };
            let baseline = top + pad_y + em * ascent + line_height * i as f32;
            ((*text).to_owned(), x, baseline)
        })
        .collect();
    Layout {
        em,
        block: (left, top, block_w, block_h),
        lines,
    }
}

/// Draws the overlay on an RGB(A) image.
pub fn draw(image: &mut DynamicImage, overlay: &TextOverlay) {
    let Some(color) = overlay.rgb() else { return };
    let (w, h) = (image.width(), image.height());
    let laid = layout(overlay, w, h);
    let channels = usize::from(image.color().channel_count());
    let buf: &mut [u8] = match image {
        DynamicImage::ImageRgb8(i) => i.as_mut(),
        DynamicImage::ImageRgba8(i) => i.as_mut(),
        _ => return,
    };
    let mut blend = |x: i64, y: i64, rgb: [u8; 3], a: f32| {
        blend_pixel(buf, (w, h, channels), x, y, rgb, a);
    };
    if overlay.backdrop {
        let (l, t, bw, bh) = laid.block;
        for y in t.round() as i64..(t + bh).round() as i64 {
            for x in l.round() as i64..(l + bw).round() as i64 {
                blend(x, y, [0, 0, 0], BACKDROP_OPACITY);
            }
        }
    }
    let scale = scale_of(laid.em);
    for (text, x, baseline) in &laid.lines {
        draw_glyphs(text, scale, *x, *baseline, &mut |x, y, coverage| {
            blend(x, y, color, coverage);
        });
    }
}

/// Lays `rgb` at opacity `a` over pixel (`x`, `y`) of an RGB or RGBA buffer of `(width,
/// height, channels)`; outside it, nothing. RGBA becomes at least as opaque as the paint.
pub(crate) fn blend_pixel(
    buf: &mut [u8],
    (w, h, channels): (u32, u32, usize),
    x: i64,
    y: i64,
    rgb: [u8; 3],
    a: f32,
) {
    if x < 0 || y < 0 || x >= i64::from(w) || y >= i64::from(h) || a <= 0.0 {
        return;
    }
    let at = (y as usize * w as usize + x as usize) * channels;
    for c in 0..3 {
        let under = f32::from(buf[at + c]);
        buf[at + c] = (under * (1.0 - a) + f32::from(rgb[c]) * a).round() as u8;
    }
    if channels == 4 {
        buf[at + 3] = buf[at + 3].max((a * 255.0).round() as u8);
    }
}

/// Rasterises `text` in the bundled font from `pen` along `baseline` (plain advances, no
/// kerning), calling `plot(x, y, coverage)` for each pixel a glyph covers.
pub(crate) fn draw_glyphs(
    text: &str,
    scale: PxScale,
    mut pen: f32,
    baseline: f32,
    plot: &mut dyn FnMut(i64, i64, f32),
) {
    let f = font();
    let scaled = f.as_scaled(scale);
    for c in text.chars() {
        let id = f.glyph_id(c);
        let glyph = id.with_scale_and_position(scale, point(pen, baseline));
        pen += scaled.h_advance(id);
        if let Some(outline) = f.outline_glyph(glyph) {
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                plot(
                    bounds.min.x as i64 + i64::from(gx),
                    bounds.min.y as i64 + i64::from(gy),
                    coverage.clamp(0.0, 1.0),
                );
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::RgbImage;

    fn overlay(text: &str, position: WatermarkPosition, backdrop: bool) -> TextOverlay {
        TextOverlay {
            text: text.into(),
            position,
            size: 0.08,
            color: "#ffffff".into(),
            backdrop,
        }
    }

    fn bright_pixels_in(img: &RgbImage, x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
        (y0..y1)
            .flat_map(|y| (x0..x1).map(move |x| (x, y)))
            .filter(|&(x, y)| img.get_pixel(x, y).0.iter().all(|&v| v > 200))
            .count()
    }

    #[test]
    fn the_line_height_is_the_one_the_editor_uses_in_css() {
        let (ascent, descent) = metrics();
        // ui/src/features/media/overlayStyle.ts: line-height 1.164.
        assert!(
            (ascent - descent - 1.164).abs() < 0.001,
            "{}",
            ascent - descent
        );
    }

    #[test]
    fn the_block_is_where_the_editors_css_puts_it() {
        // Measured in Debian's Chromium with the editor's style (overlayStyle.ts) for this
        // overlay on a 1080x720 output: left 24, top 473.3, 623.5 x 222.7 px.
        // tests/web/media.test.mjs checks the editor's preview against the same fractions.
        let o = TextOverlay {
            text: "Fresh today\nfrom 7 am".into(),
            position: WatermarkPosition::BottomLeft,
            size: 0.08,
            color: "#ffffff".into(),
            backdrop: true,
        };
        let (l, t, w, h) = layout(&o, 1080, 720).block;
        for (got, css) in [(l, 24.0), (t, 473.3), (w, 623.5), (h, 222.7)] {
            assert!(
                (got - css).abs() < 1.0,
                "{got} vs {css} (block {l} {t} {w} {h})"
            );
        }
    }

    #[test]
    fn text_lands_in_its_corner_with_the_band_behind_it() {
        let (w, h) = (800, 600);
        let grey = DynamicImage::ImageRgb8(RgbImage::from_pixel(w, h, image::Rgb([128, 128, 128])));
        let o = overlay("Fresh today", WatermarkPosition::BottomLeft, true);
        let laid = layout(&o, w, h);
        assert_eq!(laid.em, 64.0);
        let (l, t, bw, bh) = laid.block;
        assert_eq!(l, 20.0, "1/30 of the shorter side");
        assert!((t + bh - 580.0).abs() < 0.01);
        assert!(bw > 300.0 && bw < w as f32, "{bw}");
        let mut img = grey.clone();
        draw(&mut img, &o);
        let img = img.to_rgb8();
        // White text inside the band, none elsewhere; the band darkens the grey under it.
        let inside = bright_pixels_in(&img, l as u32, t as u32, (l + bw) as u32, (t + bh) as u32);
        assert!(inside > 500, "{inside} white pixels in the band");
        assert_eq!(bright_pixels_in(&img, 0, 0, w, t as u32 - 1), 0);
        let band = img.get_pixel(l as u32 + 2, t as u32 + 2).0;
        assert!(band[0] < 80, "the band is dark: {band:?}");
        assert_eq!(img.get_pixel(w - 5, 5).0, [128, 128, 128]);
    }

    #[test]
    fn lines_align_to_their_side_and_the_centre_is_centred() {
        let o = overlay(
            "A much longer first line\nshort",
            WatermarkPosition::TopRight,
            false,
        );
        let laid = layout(&o, 1000, 1000);
        let (l, _, bw, _) = laid.block;
        assert_eq!(laid.lines.len(), 2);
        let right_edge =
            |(text, x, _): &(String, f32, f32)| x + line_width(text, scale_of(laid.em));
        // Both lines end at the block's right, less the padding.
        for line in &laid.lines {
            assert!((right_edge(line) - (l + bw - PAD_X_EM * laid.em)).abs() < 1.0);
        }
        assert!(
            laid.lines[1].2 > laid.lines[0].2,
            "the second line is lower"
        );

        let c = layout(&overlay("Hi", WatermarkPosition::Center, true), 1000, 500);
        let (l, t, bw, bh) = c.block;
        assert!((l + bw / 2.0 - 500.0).abs() < 0.01 && (t + bh / 2.0 - 250.0).abs() < 0.01);
    }

    #[test]
    fn a_transparent_image_gets_opaque_text() {
        let mut img = DynamicImage::ImageRgba8(image::RgbaImage::new(400, 200));
        draw(&mut img, &overlay("OK", WatermarkPosition::Center, false));
        let opaque = img.to_rgba8().pixels().filter(|p| p[3] == 255).count();
        assert!(opaque > 100, "{opaque}");
    }
}
