//! The pixel pipeline: original (decoded once, EXIF orientation applied) -> crop, resize,
//! rotate, flip, straighten, adjustments, watermark -> encoded to fit a network's limits.
//!
//! Resizing happens first, on the crop of the original, so every later step works on output-
//! sized pixels: a 24 MP photo becomes a 2000 px one before any per-pixel work. Rendering
//! always re-encodes, so no metadata from the original (EXIF, GPS, XMP) reaches the output.

use crate::decode::Decoded;
use crate::presets::{OutputPreset, RenderTarget};
use crate::recipe::{Adjustments, AspectPreset, Crop, Recipe};
use fast_image_resize as fr;
use image::{DynamicImage, ImageEncoder, RgbImage, RgbaImage};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where the brand watermark sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum WatermarkPosition {
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
    Center,
}

/// A logo stamped on renders.
pub struct Watermark {
    pub logo: RgbaImage,
    pub position: WatermarkPosition,
    /// Logo width as a fraction of the output width (0.02..0.5).
    pub size: f32,
    /// 0..1.
    pub opacity: f32,
}

/// What the user sees per channel: the final size and format, and what was removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RenderSummary {
    pub target: RenderTarget,
    pub width: u32,
    pub height: u32,
    pub byte_size: u32,
    pub mime_type: String,
    /// JPEG quality used (0 for PNG).
    pub quality: u8,
    /// The image had to be made smaller than the network's dimension limit to fit its byte
    /// limit.
    pub shrunk_for_bytes: bool,
    /// Personal or device metadata the original had and the output does not, e.g.
    /// "location (GPS)".
    pub stripped: Vec<String>,
}

pub struct Rendered {
    pub bytes: Vec<u8>,
    pub summary: RenderSummary,
}

const QUALITIES: [u8; 6] = [88, 80, 72, 64, 56, 48];

/// The recipe's crop, or the whole frame.
fn crop_of(recipe: &Recipe) -> Crop {
    recipe
        .crop
        .unwrap_or_else(|| Crop::whole(AspectPreset::Free))
}

/// The frame the crop is measured in: the original turned by the recipe's quarter turns.
fn frame_size(width: u32, height: u32, recipe: &Recipe) -> (u32, u32) {
    if (recipe.rotate / 90) % 2 == 1 {
        (height, width)
    } else {
        (width, height)
    }
}

/// The least fraction of an original of `width` x `height` (EXIF orientation applied) that
/// [`render`] needs for `presets`: what its largest output takes from the crop. Decoding at
/// no less than this (`decode::decode_for`) gives the same outputs for less work.
pub fn least_scale(width: u32, height: u32, recipe: &Recipe, presets: &[OutputPreset]) -> f64 {
    let (frame_w, frame_h) = frame_size(width, height, recipe);
    let (_, _, fw, fh) = crop_of(recipe).pixels(frame_w, frame_h);
    let (fw, fh) = (fw.max(1.0), fh.max(1.0));
    presets
        .iter()
        .map(|p| {
            let (ow, oh) = p.fit(fw.round() as u32, fh.round() as u32);
            (f64::from(ow) / fw).max(f64::from(oh) / fh)
        })
        .fold(0.0, f64::max)
}

/// Renders one image for several targets, decoding and cropping once and resizing each
/// target from the largest one already made.
pub fn render(
    decoded: &Decoded,
    recipe: &Recipe,
    presets: &[OutputPreset],
    watermark: Option<&Watermark>,
) -> Result<Vec<Rendered>, String> {
    let src = &decoded.image;
    let alpha = src.color().has_alpha();
    let (sw, sh) = (src.width(), src.height());
    let quarter = (recipe.rotate / 90) % 4;
    let swap = quarter % 2 == 1;
    let (frame_w, frame_h) = frame_size(sw, sh, recipe);
    let (fx, fy, fw, fh) = crop_of(recipe).pixels(frame_w, frame_h);
    let (fwf, fhf) = (f64::from(frame_w), f64::from(frame_h));
    // Undo the flips (they happen last, in the frame), then the rotation: the crop's
    // rectangle in the original's pixels.
    let fx = if recipe.flip_horizontal {
        fwf - fx - fw
    } else {
        fx
    };
    let fy = if recipe.flip_vertical {
        fhf - fy - fh
    } else {
        fy
    };
    let (swf, shf) = (f64::from(sw), f64::from(sh));
    let source_rect = match quarter {
        1 => (fy, shf - fx - fw, fh, fw),
        2 => (swf - fx - fw, shf - fy - fh, fw, fh),
        3 => (swf - fy - fh, fx, fh, fw),
        _ => (fx, fy, fw, fh),
    };
    let frame_size = (fw.round().max(1.0) as u32, fh.round().max(1.0) as u32);

    // Largest output first, so the smaller ones resize from it instead of from 24 MP.
    let mut order: Vec<usize> = (0..presets.len()).collect();
    let sizes: Vec<(u32, u32)> = presets
        .iter()
        .map(|p| p.fit(frame_size.0, frame_size.1))
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(u64::from(sizes[i].0) * u64::from(sizes[i].1)));

    let pixels = raw(src);
    // One output on each core: the largest alone (its resize and encode dominate), the rest
    // together, each resized from the largest of them.
    let run = |indices: &[usize]| -> Result<Vec<(usize, Rendered)>, String> {
        let mut previous: Option<(Vec<u8>, u32, u32)> = None;
        let mut done = Vec::with_capacity(indices.len());
        for &i in indices {
            let (ow, oh) = sizes[i];
            let (rw, rh) = if swap { (oh, ow) } else { (ow, oh) };
            let resized = match &previous {
                Some((buf, pw, ph)) => resize(
                    buf,
                    *pw,
                    *ph,
                    alpha,
                    (0.0, 0.0, f64::from(*pw), f64::from(*ph)),
                    rw,
                    rh,
                )?,
                None => resize(pixels, sw, sh, alpha, source_rect, rw, rh)?,
            };
            let image = finish(to_image(resized.clone(), rw, rh, alpha)?, recipe, watermark);
            previous = Some((resized, rw, rh));
            let (bytes, mime_type, quality, shrunk) = encode(image, &presets[i])?;
            let (width, height) = image::ImageReader::new(std::io::Cursor::new(&bytes))
                .with_guessed_format()
                .map_err(|e| e.to_string())?
                .into_dimensions()
                .map_err(|e| e.to_string())?;
            done.push((
                i,
                Rendered {
                    summary: RenderSummary {
                        target: presets[i].target,
                        width,
                        height,
                        byte_size: bytes.len() as u32,
                        mime_type: mime_type.to_owned(),
                        quality,
                        shrunk_for_bytes: shrunk,
                        stripped: decoded.metadata.stripped(),
                    },
                    bytes,
                },
            ));
        }
        Ok(done)
    };
    let mut results = if order.len() >= 2 {
        let (first, rest) = order.split_at(1);
        std::thread::scope(|scope| {
            let other = scope.spawn(|| run(rest));
            let mut mine = run(first)?;
            let theirs = other
                .join()
                .map_err(|_| "rendering stopped unexpectedly".to_owned())??;
            mine.extend(theirs);
            Ok::<_, String>(mine)
        })?
    } else {
        run(&order)?
    };
    results.sort_by_key(|(i, _)| *i);
    Ok(results.into_iter().map(|(_, r)| r).collect())
}

fn raw(image: &DynamicImage) -> &[u8] {
    image.as_bytes()
}

fn to_image(buf: Vec<u8>, w: u32, h: u32, alpha: bool) -> Result<DynamicImage, String> {
    let bad = || "the resized image has the wrong size".to_owned();
    Ok(if alpha {
        DynamicImage::ImageRgba8(RgbaImage::from_raw(w, h, buf).ok_or_else(bad)?)
    } else {
        DynamicImage::ImageRgb8(RgbImage::from_raw(w, h, buf).ok_or_else(bad)?)
    })
}

/// Lanczos3 resize of the `rect` of a `w` x `h` RGB(A) buffer to `dw` x `dh` (SIMD, via
/// fast_image_resize).
fn resize(
    buf: &[u8],
    w: u32,
    h: u32,
    alpha: bool,
    rect: (f64, f64, f64, f64),
    dw: u32,
    dh: u32,
) -> Result<Vec<u8>, String> {
    let pixel = if alpha {
        fr::PixelType::U8x4
    } else {
        fr::PixelType::U8x3
    };
    let whole = rect == (0.0, 0.0, f64::from(w), f64::from(h));
    if whole && (w, h) == (dw, dh) {
        return Ok(buf.to_vec());
    }
    let src = fr::images::ImageRef::new(w, h, buf, pixel).map_err(|e| e.to_string())?;
    let mut dst = fr::images::Image::new(dw, dh, pixel);
    let options = fr::ResizeOptions::new()
        .resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3))
        .crop(rect.0, rect.1, rect.2, rect.3);
    fr::Resizer::new()
        .resize(&src, &mut dst, &options)
        .map_err(|e| format!("resizing failed: {e}"))?;
    Ok(dst.into_vec())
}

/// Rotation, flips, straighten, adjustments, text and watermark, on output-sized pixels.
fn finish(mut image: DynamicImage, recipe: &Recipe, watermark: Option<&Watermark>) -> DynamicImage {
    image = match recipe.rotate {
        90 => image.rotate90(),
        180 => image.rotate180(),
        270 => image.rotate270(),
        _ => image,
    };
    if recipe.flip_horizontal {
        image = image.fliph();
    }
    if recipe.flip_vertical {
        image = image.flipv();
    }
    let channels = usize::from(image.color().channel_count());
    let (w, h) = (image.width(), image.height());
    if recipe.straighten != 0.0 {
        let turned = straighten(image.as_bytes(), w, h, channels, recipe.straighten);
        image = match to_image(turned, w, h, channels == 4) {
            Ok(i) => i,
            Err(_) => image,
        };
    }
    let adjustments = recipe.effective_adjustments();
    if !adjustments.is_identity() {
        adjust(image_bytes_mut(&mut image), channels, &adjustments);
    }
    if let Some(text) = &recipe.text {
        crate::overlay::draw(&mut image, text);
    }
    if recipe.watermark
        && let Some(mark) = watermark
    {
        stamp(&mut image, mark);
    }
    image
}

fn image_bytes_mut(image: &mut DynamicImage) -> &mut [u8] {
    match image {
        DynamicImage::ImageRgba8(i) => i,
        DynamicImage::ImageRgb8(i) => i,
        // The pipeline only makes RGB8 and RGBA8.
        _ => &mut [],
    }
}

/// Turns the picture by `degrees` about its centre, zoomed in just enough that no empty
/// corner shows (bilinear sampling).
pub fn straighten(buf: &[u8], w: u32, h: u32, channels: usize, degrees: f32) -> Vec<u8> {
    let theta = f64::from(degrees).to_radians();
    let (sin, cos) = theta.sin_cos();
    let (wf, hf) = (f64::from(w), f64::from(h));
    let zoom = cos.abs() + sin.abs() * (wf / hf).max(hf / wf);
    let (cx, cy) = (wf / 2.0, hf / 2.0);
    let mut out = vec![0u8; buf.len()];
    let stride = w as usize * channels;
    for y in 0..h as usize {
        for x in 0..w as usize {
            let dx = (x as f64 + 0.5 - cx) / zoom;
            let dy = (y as f64 + 0.5 - cy) / zoom;
            // Inverse rotation: where this output pixel comes from.
            let sx = (cos * dx + sin * dy + cx - 0.5).clamp(0.0, wf - 1.0);
            let sy = (-sin * dx + cos * dy + cy - 0.5).clamp(0.0, hf - 1.0);
            let (x0, y0) = (sx.floor() as usize, sy.floor() as usize);
            let (x1, y1) = ((x0 + 1).min(w as usize - 1), (y0 + 1).min(h as usize - 1));
            let (ax, ay) = (sx - x0 as f64, sy - y0 as f64);
            for c in 0..channels {
                let p = |xx: usize, yy: usize| f64::from(buf[yy * stride + xx * channels + c]);
                let top = p(x0, y0) * (1.0 - ax) + p(x1, y0) * ax;
                let bottom = p(x0, y1) * (1.0 - ax) + p(x1, y1) * ax;
                out[y * stride + x * channels + c] =
                    (top * (1.0 - ay) + bottom * ay).round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    out
}

/// Brightness, contrast, warmth and lift through per-channel lookup tables; saturation per
/// pixel around its luma.
pub fn adjust(buf: &mut [u8], channels: usize, a: &Adjustments) {
    let warm = [1.0 + 0.12 * a.warmth, 1.0, 1.0 - 0.12 * a.warmth];
    let lut: Vec<[u8; 256]> = warm
        .iter()
        .map(|gain| {
            let mut table = [0u8; 256];
            for (i, slot) in table.iter_mut().enumerate() {
                let mut v = i as f32 / 255.0;
                v *= gain;
                v += a.brightness * 0.35;
                v = (v - 0.5) * (1.0 + a.contrast) + 0.5;
                v = a.lift + v * (1.0 - a.lift);
                *slot = (v.clamp(0.0, 1.0) * 255.0).round() as u8;
            }
            table
        })
        .collect();
    let sat = 1.0 + a.saturation;
    for px in buf.chunks_exact_mut(channels) {
        let (r, g, b) = (
            f32::from(lut[0][usize::from(px[0])]),
            f32::from(lut[1][usize::from(px[1])]),
            f32::from(lut[2][usize::from(px[2])]),
        );
        if a.saturation == 0.0 {
            px[0] = r as u8;
            px[1] = g as u8;
            px[2] = b as u8;
        } else {
            let l = 0.299 * r + 0.587 * g + 0.114 * b;
            px[0] = (l + (r - l) * sat).clamp(0.0, 255.0) as u8;
            px[1] = (l + (g - l) * sat).clamp(0.0, 255.0) as u8;
            px[2] = (l + (b - l) * sat).clamp(0.0, 255.0) as u8;
        }
    }
}

fn stamp(image: &mut DynamicImage, mark: &Watermark) {
    let (w, h) = (image.width(), image.height());
    let lw = ((f64::from(w) * f64::from(mark.size.clamp(0.02, 0.5))).round() as u32).max(1);
    let lh = ((f64::from(mark.logo.height()) * f64::from(lw) / f64::from(mark.logo.width().max(1)))
        .round() as u32)
        .clamp(1, h);
    let logo = image::imageops::resize(&mark.logo, lw, lh, image::imageops::FilterType::Triangle);
    let margin = (w.min(h) / 30) as i64;
    let (x, y) = match mark.position {
        WatermarkPosition::TopLeft => (margin, margin),
        WatermarkPosition::TopRight => (i64::from(w) - i64::from(lw) - margin, margin),
        WatermarkPosition::BottomLeft => (margin, i64::from(h) - i64::from(lh) - margin),
        WatermarkPosition::BottomRight => (
            i64::from(w) - i64::from(lw) - margin,
            i64::from(h) - i64::from(lh) - margin,
        ),
        WatermarkPosition::Center => (
            (i64::from(w) - i64::from(lw)) / 2,
            (i64::from(h) - i64::from(lh)) / 2,
        ),
    };
    let opacity = mark.opacity.clamp(0.0, 1.0);
    let channels = usize::from(image.color().channel_count());
    let buf = image_bytes_mut(image);
    for (lx, ly, p) in logo.enumerate_pixels() {
        let (tx, ty) = (x + i64::from(lx), y + i64::from(ly));
        if tx < 0 || ty < 0 || tx >= i64::from(w) || ty >= i64::from(h) {
            continue;
        }
        let a = f32::from(p[3]) / 255.0 * opacity;
        let at = (ty as usize * w as usize + tx as usize) * channels;
        for c in 0..3 {
            let under = f32::from(buf[at + c]);
            buf[at + c] = (under * (1.0 - a) + f32::from(p[c]) * a).round() as u8;
        }
    }
}

/// Baseline JPEG, 4:2:0 chroma (what cameras and the networks' own encoders use for photos),
/// by libjpeg-turbo. Nothing but the pixels is written: no EXIF, no GPS.
fn encode_jpeg(rgb: &RgbImage, quality: u8) -> Result<Vec<u8>, String> {
    let fail = |e: turbojpeg::Error| format!("JPEG encoding failed: {e}");
    let (w, h) = (rgb.width() as usize, rgb.height() as usize);
    if w > 65_500 || h > 65_500 {
        return Err("the image is too large for JPEG".into());
    }
    let mut compressor = turbojpeg::Compressor::new().map_err(fail)?;
    compressor.set_quality(i32::from(quality)).map_err(fail)?;
    compressor
        .set_subsamp(turbojpeg::Subsamp::Sub2x2)
        .map_err(fail)?;
    compressor
        .compress_to_vec(turbojpeg::Image {
            pixels: rgb.as_raw().as_slice(),
            width: w,
            pitch: 3 * w,
            height: h,
            format: turbojpeg::PixelFormat::RGB,
        })
        .map_err(fail)
}

/// Encodes within the preset's byte limit: JPEG quality steps down, then the picture
/// shrinks. Transparent images flatten on white unless the preset keeps PNG.
fn encode(
    image: DynamicImage,
    preset: &OutputPreset,
) -> Result<(Vec<u8>, &'static str, u8, bool), String> {
    if image.color().has_alpha() && preset.keep_png_for_transparency {
        let mut out = Vec::new();
        let rgba = image.to_rgba8();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(
                &rgba,
                rgba.width(),
                rgba.height(),
                image::ExtendedColorType::Rgba8,
            )
            .map_err(|e| format!("PNG encoding failed: {e}"))?;
        if out.len() <= preset.max_bytes {
            return Ok((out, "image/png", 0, false));
        }
    }
    let mut rgb = match image {
        DynamicImage::ImageRgb8(i) => i,
        other => flatten_on_white(&other.to_rgba8()),
    };
    let mut shrunk = false;
    for _ in 0..8 {
        for quality in QUALITIES {
            let out = encode_jpeg(&rgb, quality)?;
            if out.len() <= preset.max_bytes {
                return Ok((out, "image/jpeg", quality, shrunk));
            }
        }
        let (w, h) = (rgb.width(), rgb.height());
        if w < 64 || h < 64 {
            break;
        }
        let (nw, nh) = ((w * 4 / 5).max(1), (h * 4 / 5).max(1));
        let smaller = resize(
            rgb.as_raw(),
            w,
            h,
            false,
            (0.0, 0.0, f64::from(w), f64::from(h)),
            nw,
            nh,
        )?;
        rgb = RgbImage::from_raw(nw, nh, smaller).ok_or("the shrunk image has the wrong size")?;
        shrunk = true;
    }
    Err(format!(
        "it cannot be made to fit {} bytes for {}",
        preset.max_bytes,
        preset.target.as_str()
    ))
}

fn flatten_on_white(rgba: &RgbaImage) -> RgbImage {
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let p = rgba.get_pixel(x, y);
        let a = u16::from(p[3]);
        let mix = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
        image::Rgb([mix(p[0]), mix(p[1]), mix(p[2])])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{self, FoundMetadata, Probe};
    use crate::presets::RenderTarget;

    fn decoded(image: DynamicImage) -> Decoded {
        Decoded {
            probe: Probe {
                format: image::ImageFormat::Png,
                mime_type: "image/png",
                width: image.width(),
                height: image.height(),
            },
            image,
            metadata: FoundMetadata::default(),
        }
    }

    fn noisy(w: u32, h: u32) -> DynamicImage {
        // A photo-like worst case for JPEG: smooth gradients plus per-pixel noise.
        let mut seed = 0x2545_f491_u32;
        DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let n = (seed & 0x3f) as u8;
            image::Rgb([
                ((x * 255 / w) as u8).saturating_add(n),
                ((y * 255 / h) as u8).saturating_add(n / 2),
                n.wrapping_mul(3),
            ])
        }))
    }

    fn one(d: &Decoded, recipe: &Recipe, target: RenderTarget) -> Rendered {
        render(d, recipe, &[target.preset()], None)
            .expect("render")
            .pop()
            .expect("one")
    }

    #[test]
    fn decoding_at_the_least_scale_the_outputs_need_gives_the_same_outputs() {
        let all: Vec<OutputPreset> = RenderTarget::ALL.iter().map(|t| t.preset()).collect();
        // A 24 MP photo: Mastodon's 8.3 MP is the largest output, 0.588 of it.
        let need = least_scale(6000, 4000, &Recipe::default(), &all);
        assert!((need - 0.5878).abs() < 0.001, "{need}");

        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
            .encode_image(&noisy(4000, 2000))
            .expect("jpeg");
        let presets: Vec<OutputPreset> = [
            RenderTarget::Bluesky,
            RenderTarget::Nostr,
            RenderTarget::Instagram,
        ]
        .iter()
        .map(|t| t.preset())
        .collect();
        let recipe = Recipe::default();
        let need = least_scale(4000, 2000, &recipe, &presets);
        assert!(
            (need - 0.512).abs() < 0.001,
            "Nostr's 2048 px of 4000: {need}"
        );
        let small =
            decode::decode_for(&jpeg, |w, h| least_scale(w, h, &recipe, &presets)).expect("scaled");
        assert_eq!(
            small.image.width(),
            2500,
            "5/8 is the first eighth above 0.512"
        );
        let full = decode::decode(&jpeg).expect("full");
        let dims = |d: &Decoded| -> Vec<(u32, u32)> {
            render(d, &recipe, &presets, None)
                .expect("render")
                .iter()
                .map(|r| (r.summary.width, r.summary.height))
                .collect()
        };
        assert_eq!(dims(&small), dims(&full));
        assert_eq!(dims(&small), [(2000, 1000), (2048, 1024), (1080, 540)]);

        // A crop of the left half keeps Nostr's 2048 px from 2000: all of it is needed.
        let cropped = Recipe {
            crop: Some(Crop {
                aspect: AspectPreset::Free,
                x: 0.0,
                y: 0.0,
                width: 0.5,
                height: 1.0,
            }),
            ..Recipe::default()
        };
        assert_eq!(least_scale(4000, 2000, &cropped, &presets), 1.0);
        // Turned a quarter, the frame is 2000x4000; the need is the same.
        let turned = Recipe {
            rotate: 90,
            ..Recipe::default()
        };
        assert!((least_scale(4000, 2000, &turned, &presets) - 0.512).abs() < 0.001);
    }

    #[test]
    fn fits_each_network_and_crop_preset() {
        let d = decoded(noisy(3000, 2000));
        let all: Vec<OutputPreset> = RenderTarget::ALL.iter().map(|t| t.preset()).collect();
        let out = render(&d, &Recipe::default(), &all, None).expect("render");
        let dims: Vec<(RenderTarget, u32, u32)> = out
            .iter()
            .map(|r| (r.summary.target, r.summary.width, r.summary.height))
            .collect();
        assert_eq!(
            dims,
            vec![
                (RenderTarget::Bluesky, 2000, 1333),
                (RenderTarget::Mastodon, 3000, 2000),
                (RenderTarget::Nostr, 2048, 1365),
                (RenderTarget::Instagram, 1080, 720),
            ]
        );
        for r in &out {
            assert_eq!(r.summary.mime_type, "image/jpeg");
            assert!(r.bytes.len() <= r.summary.target.preset().max_bytes);
        }
        for (preset, expected) in [
            (AspectPreset::Square, (1080, 1080)),
            (AspectPreset::Portrait, (1080, 1350)),
            (AspectPreset::Landscape, (1080, 565)),
            (AspectPreset::Story, (1080, 1920)),
        ] {
            let d = decoded(noisy(3000, 4000));
            let recipe = Recipe {
                crop: Some(Crop::centered(preset, 3000, 4000)),
                ..Default::default()
            };
            let r = one(&d, &recipe, RenderTarget::Instagram);
            let (w, h) = (r.summary.width, r.summary.height);
            assert_eq!(w, expected.0, "{preset:?}");
            assert!(h.abs_diff(expected.1) <= 1, "{preset:?}: {w}x{h}");
        }
    }

    #[test]
    fn a_noisy_24_megapixel_photo_fits_bluesky_in_a_million_bytes() {
        let d = decoded(noisy(6000, 4000));
        let r = one(&d, &Recipe::default(), RenderTarget::Bluesky);
        assert!(r.bytes.len() <= 1_000_000, "{} bytes", r.bytes.len());
        assert_eq!(r.summary.byte_size as usize, r.bytes.len());
        assert_eq!(r.summary.mime_type, "image/jpeg");
        assert!(r.summary.width.max(r.summary.height) <= 2000);
        let back = image::load_from_memory(&r.bytes).expect("decodes");
        assert_eq!(
            (back.width(), back.height()),
            (r.summary.width, r.summary.height)
        );
    }

    fn app1_count(jpeg: &[u8]) -> usize {
        // Walk the marker segments up to the scan.
        let mut i = 2;
        let mut n = 0;
        while i + 4 <= jpeg.len() && jpeg[i] == 0xFF {
            let marker = jpeg[i + 1];
            if marker == 0xDA {
                break;
            }
            if marker == 0xE1 {
                n += 1;
            }
            let len = usize::from(u16::from_be_bytes([jpeg[i + 2], jpeg[i + 3]]));
            i += 2 + len;
        }
        n
    }

    #[test]
    fn output_carries_no_exif_or_gps_and_says_so() {
        let original = crate::fixtures::with_exif(
            &crate::fixtures::marked_jpeg(64, 48),
            &crate::fixtures::exif_block(1, true),
        );
        assert_eq!(app1_count(&original), 1);
        let d = decode::decode(&original).expect("decode");
        let r = one(&d, &Recipe::default(), RenderTarget::Bluesky);
        assert_eq!(app1_count(&r.bytes), 0, "EXIF survived the render");
        assert!(!r.bytes.windows(4).any(|w| w == b"Exif"));
        assert!(r.summary.stripped.contains(&"location (GPS)".to_owned()));
    }

    fn red_at(r: &Rendered, x: u32, y: u32) -> bool {
        let img = image::load_from_memory(&r.bytes).expect("decode").to_rgb8();
        let p = img.get_pixel(x, y);
        p[0] > 200 && p[2] < 80
    }

    #[test]
    fn rotates_flips_and_crops_in_the_frame_the_user_sees() {
        // 80x40, red top-left quadrant.
        let d = decode::decode(&crate::fixtures::marked_jpeg(80, 40)).expect("decode");
        let turned = one(
            &d,
            &Recipe {
                rotate: 90,
                ..Default::default()
            },
            RenderTarget::Nostr,
        );
        assert_eq!((turned.summary.width, turned.summary.height), (40, 80));
        assert!(
            red_at(&turned, 37, 2),
            "red goes top-right after 90 degrees"
        );
        let flipped = one(
            &d,
            &Recipe {
                rotate: 90,
                flip_vertical: true,
                ..Default::default()
            },
            RenderTarget::Nostr,
        );
        assert!(
            red_at(&flipped, 37, 77),
            "then bottom-right after a vertical flip"
        );
        // Crop the left half of the rotated frame's top half: that is all red.
        let cropped = one(
            &d,
            &Recipe {
                rotate: 90,
                crop: Some(Crop {
                    aspect: AspectPreset::Free,
                    x: 0.5,
                    y: 0.0,
                    width: 0.5,
                    height: 0.5,
                }),
                ..Default::default()
            },
            RenderTarget::Nostr,
        );
        assert_eq!((cropped.summary.width, cropped.summary.height), (20, 40));
        assert!(red_at(&cropped, 2, 2) && red_at(&cropped, 17, 37));
    }

    #[test]
    fn straighten_leaves_no_empty_corners_and_adjustments_apply() {
        let white = decoded(DynamicImage::ImageRgb8(RgbImage::from_pixel(
            300,
            200,
            image::Rgb([250, 250, 250]),
        )));
        let r = one(
            &white,
            &Recipe {
                straighten: 12.0,
                ..Default::default()
            },
            RenderTarget::Nostr,
        );
        let img = image::load_from_memory(&r.bytes).expect("decode").to_rgb8();
        for (x, y) in [(0, 0), (299, 0), (0, 199), (299, 199)] {
            assert!(
                img.get_pixel(x, y)[0] > 230,
                "corner {x},{y} is {:?}",
                img.get_pixel(x, y)
            );
        }
        let grey = decoded(DynamicImage::ImageRgb8(RgbImage::from_pixel(
            50,
            50,
            image::Rgb([120, 100, 80]),
        )));
        let darker = one(
            &grey,
            &Recipe {
                brightness: -0.5,
                ..Default::default()
            },
            RenderTarget::Nostr,
        );
        let mono = one(
            &grey,
            &Recipe {
                filter: Some(crate::recipe::Filter::Mono),
                ..Default::default()
            },
            RenderTarget::Nostr,
        );
        let d = image::load_from_memory(&darker.bytes)
            .expect("decode")
            .to_rgb8();
        let m = image::load_from_memory(&mono.bytes)
            .expect("decode")
            .to_rgb8();
        assert!(d.get_pixel(25, 25)[0] < 80, "{:?}", d.get_pixel(25, 25));
        let p = m.get_pixel(25, 25);
        assert!(p[0].abs_diff(p[2]) <= 3, "mono is grey: {p:?}");
    }

    #[test]
    fn stamps_the_watermark_where_asked() {
        let d = decoded(DynamicImage::ImageRgb8(RgbImage::from_pixel(
            400,
            300,
            image::Rgb([0, 0, 0]),
        )));
        let mark = Watermark {
            logo: RgbaImage::from_pixel(10, 10, image::Rgba([255, 255, 255, 255])),
            position: WatermarkPosition::BottomRight,
            size: 0.1,
            opacity: 1.0,
        };
        let r = render(
            &d,
            &Recipe {
                watermark: true,
                ..Default::default()
            },
            &[RenderTarget::Nostr.preset()],
            Some(&mark),
        )
        .expect("render")
        .pop()
        .expect("one");
        let img = image::load_from_memory(&r.bytes).expect("decode").to_rgb8();
        assert!(img.get_pixel(400 - 10 - 20, 300 - 10 - 20)[0] > 200);
        assert!(img.get_pixel(20, 20)[0] < 30);
    }
}
