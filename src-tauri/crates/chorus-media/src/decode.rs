//! Reading untrusted image files safely: decoder limits on every decode, a specific reason
//! for every refusal, EXIF orientation applied, and a note of the personal metadata found
//! (rendering re-encodes, so none of it reaches what is published).

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// A hostile file (a decompression bomb, a PNG that declares 100k x 100k) is refused before
/// any pixel buffer is allocated: the header is checked against these first.
pub const MAX_PIXELS_PER_SIDE: u32 = 20_000;
/// 100 megapixels: more than any phone or camera a small business uses; a 200 MP image is
/// refused (it would need 800 MB of RGBA).
pub const MAX_TOTAL_PIXELS: u64 = 100_000_000;
pub const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

pub fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_PIXELS_PER_SIDE);
    limits.max_image_height = Some(MAX_PIXELS_PER_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    limits
}

/// Format and dimensions as the file's header declares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub format: ImageFormat,
    pub mime_type: &'static str,
    pub width: u32,
    pub height: u32,
}

const READABLE: &str = "JPEG, PNG, WebP or GIF";

fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    if let Some(kind) = known_unsupported(bytes) {
        return Err(kind);
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    reader.limits(limits());
    Ok(reader)
}

/// Formats people do bring, refused with what to do instead.
fn known_unsupported(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(512)];
    // ISO BMFF 'ftyp' box with a HEIF brand: iPhone photos.
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        let brand = &head[8..12];
        if [
            b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1",
        ]
        .iter()
        .any(|b| brand == *b)
        {
            return Some(
                "HEIC is not supported yet; export the photo as JPEG (on an iPhone: Settings > Camera > Formats > Most Compatible)"
                    .into(),
            );
        }
        if brand == b"avif" || brand == b"avis" {
            return Some(format!("AVIF images are not supported; use {READABLE}"));
        }
    }
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    if text.contains("<svg") || (text.trim_start().starts_with("<?xml") && text.contains("svg")) {
        return Some(format!(
            "SVG drawings are not supported; export it as PNG ({READABLE})"
        ));
    }
    None
}

fn mime_of(format: ImageFormat) -> Result<&'static str, String> {
    match format {
        ImageFormat::Jpeg => Ok("image/jpeg"),
        ImageFormat::Png => Ok("image/png"),
        ImageFormat::WebP => Ok("image/webp"),
        ImageFormat::Gif => Ok("image/gif"),
        other => Err(format!(
            "{other:?} images are not supported; use {READABLE}"
        )),
    }
}

fn check_size(width: u32, height: u32) -> Result<(), String> {
    if width == 0 || height == 0 {
        return Err(format!("it declares {width}x{height} pixels"));
    }
    if width > MAX_PIXELS_PER_SIDE || height > MAX_PIXELS_PER_SIDE {
        return Err(format!(
            "it is {width}x{height} pixels; the limit is {MAX_PIXELS_PER_SIDE} per side"
        ));
    }
    let total = u64::from(width) * u64::from(height);
    if total > MAX_TOTAL_PIXELS {
        return Err(format!(
            "it is {width}x{height} pixels ({} megapixels); the limit is {} megapixels",
            total / 1_000_000,
            MAX_TOTAL_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// Format and dimensions, read from the header under decoder limits. Nothing is decoded.
pub fn probe(bytes: &[u8]) -> Result<Probe, String> {
    let mut reader = reader(bytes)?;
    // Reading the header allocates nothing; without the limits here, an oversized image is
    // refused below with its actual size rather than the decoder's generic "exceeds limit".
    reader.no_limits();
    let format = reader
        .format()
        .ok_or_else(|| format!("it is not an image Chorus can read ({READABLE})"))?;
    let mime_type = mime_of(format)?;
    let (width, height) = reader
        .into_dimensions()
        .map_err(|e| format!("the image is damaged or too large ({e})"))?;
    check_size(width, height)?;
    Ok(Probe {
        format,
        mime_type,
        width,
        height,
    })
}

/// Personal or device metadata found in the original. Rendering never copies it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FoundMetadata {
    pub exif: bool,
    pub gps: bool,
    pub xmp: bool,
    pub icc: bool,
    /// The ICC profile was not sRGB and the pixels were converted from it to sRGB (what the
    /// networks and their apps assume once the profile is gone).
    pub icc_converted: bool,
}

impl FoundMetadata {
    /// What the UI shows as removed, e.g. "location (GPS)".
    pub fn stripped(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.gps {
            out.push("location (GPS)".to_owned());
        }
        if self.exif {
            out.push("camera details (EXIF)".to_owned());
        }
        if self.xmp {
            out.push("XMP metadata".to_owned());
        }
        if self.icc_converted {
            out.push("colour profile (ICC; the colours were converted to sRGB)".to_owned());
        } else if self.icc {
            out.push("colour profile (ICC)".to_owned());
        }
        out
    }
}

/// A decoded image, EXIF orientation applied: what the user sees as "the original".
pub struct Decoded {
    pub image: DynamicImage,
    pub probe: Probe,
    pub metadata: FoundMetadata,
}

/// Decodes under the limits, applies EXIF orientation, and notes metadata. Pixels come out
/// as RGB8, or RGBA8 when the image has transparency.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    decode_for(bytes, |_, _| 1.0)
}

/// [`decode`], for a use that needs no more than `least_scale(width, height)` of the
/// original's size (given its oriented full size; 1.0 = all of it). A JPEG is then decoded
/// at the smallest of libjpeg-turbo's eighths at or above that scale: its DCT scaling does
/// less work and allocates less than decoding in full and resizing down, and it is a good
/// downsampling filter in itself. Other formats, and scales above 7/8, decode in full.
/// The original's dimensions are checked against the limits first, whatever the scale.
pub fn decode_for(
    bytes: &[u8],
    least_scale: impl FnOnce(u32, u32) -> f64,
) -> Result<Decoded, String> {
    let probe = probe(bytes)?;
    let mut decoder = reader(bytes)?
        .into_decoder()
        .map_err(|e| format!("the image is damaged or too large ({e})"))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let exif = decoder.exif_metadata().ok().flatten();
    let icc = decoder.icc_profile().ok().flatten();
    let transposed = matches!(
        orientation,
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    );
    let (ow, oh) = if transposed {
        (probe.height, probe.width)
    } else {
        (probe.width, probe.height)
    };
    let scaled = if probe.format == ImageFormat::Jpeg {
        // libjpeg-turbo, also in full (it decodes faster than image's decoder); a JPEG it
        // cannot read as RGB (CMYK, say) is left to image's decoder below.
        decode_jpeg_scaled(bytes, eighths_for(least_scale(ow, oh))).ok()
    } else {
        None
    };
    let image = match scaled {
        Some(rgb) => DynamicImage::ImageRgb8(rgb),
        None => DynamicImage::from_decoder(decoder)
            .map_err(|e| format!("the image is damaged or too large ({e})"))?,
    };
    let mut image = match image {
        DynamicImage::ImageRgb8(_) | DynamicImage::ImageRgba8(_) => image,
        other if other.color().has_alpha() => DynamicImage::ImageRgba8(other.to_rgba8()),
        other => DynamicImage::ImageRgb8(other.to_rgb8()),
    };
    let icc_converted = icc
        .as_deref()
        .is_some_and(|profile| to_srgb(&mut image, profile));
    image.apply_orientation(orientation);
    let head = &bytes[..bytes.len().min(256 * 1024)];
    let metadata = FoundMetadata {
        gps: exif.as_deref().is_some_and(exif_has_gps),
        exif: exif.is_some(),
        xmp: contains(head, b"http://ns.adobe.com/xap/1.0/")
            || contains(head, b"XML:com.adobe.xmp"),
        icc: icc.is_some(),
        icc_converted,
    };
    Ok(Decoded {
        image,
        probe,
        metadata,
    })
}

/// Converts RGB(A) pixels from the colour space of `profile` to sRGB (LittleCMS-like colour
/// management by qcms, Firefox's), so a Display P3 or Adobe RGB photo keeps its colours once
/// the profile is dropped from the output. Profiles that say they are sRGB, and ones qcms
/// cannot read, are left alone. True when the pixels were converted.
fn to_srgb(image: &mut DynamicImage, profile: &[u8]) -> bool {
    if says_srgb(profile) {
        return false;
    }
    let Some(source) = qcms::Profile::new_from_slice(profile, false) else {
        return false;
    };
    let (data_type, buf): (qcms::DataType, &mut [u8]) = match image {
        DynamicImage::ImageRgb8(i) => (qcms::DataType::RGB8, i.as_mut()),
        DynamicImage::ImageRgba8(i) => (qcms::DataType::RGBA8, i.as_mut()),
        _ => return false,
    };
    let srgb = qcms::Profile::new_sRGB();
    match qcms::Transform::new(&source, &srgb, data_type, qcms::Intent::Perceptual) {
        Some(transform) => {
            transform.apply(buf);
            true
        }
        None => false,
    }
}

/// The profile's own description names sRGB (the common "sRGB IEC61966-2.1", "sRGB
/// built-in"): converting would change nothing but cost time.
fn says_srgb(profile: &[u8]) -> bool {
    let head = &profile[..profile.len().min(4096)];
    contains(head, b"sRGB") || contains(head, b"s\0R\0G\0B")
}

/// The fewest eighths (1..=8) of the full size that are at least `scale`.
fn eighths_for(scale: f64) -> u32 {
    if !scale.is_finite() || scale >= 1.0 {
        return 8;
    }
    // A hair of tolerance: 0.625 computed from pixel counts must still be 5/8.
    ((scale * 8.0 - 1e-9).ceil() as u32).clamp(1, 8)
}

/// Decodes a JPEG at `eighths`/8 of its size (libjpeg-turbo's DCT scaling), as RGB.
fn decode_jpeg_scaled(bytes: &[u8], eighths: u32) -> Result<image::RgbImage, String> {
    let e = eighths as usize;
    let g = gcd(e, 8);
    let factor = turbojpeg::ScalingFactor::new(e / g, 8 / g);
    let mut decompressor = turbojpeg::Decompressor::new().map_err(|e| e.to_string())?;
    let header = decompressor
        .read_header(bytes)
        .map_err(|e| e.to_string())?
        .scaled(factor);
    decompressor
        .set_scaling_factor(factor)
        .map_err(|e| e.to_string())?;
    let (w, h) = (header.width, header.height);
    let mut pixels = vec![0u8; 3 * w * h];
    decompressor
        .decompress(
            bytes,
            turbojpeg::Image {
                pixels: pixels.as_mut_slice(),
                width: w,
                pitch: 3 * w,
                height: h,
                format: turbojpeg::PixelFormat::RGB,
            },
        )
        .map_err(|e| e.to_string())?;
    let (w, h) = (
        u32::try_from(w).map_err(|e| e.to_string())?,
        u32::try_from(h).map_err(|e| e.to_string())?,
    );
    image::RgbImage::from_raw(w, h, pixels).ok_or_else(|| "the decoded size is wrong".to_owned())
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Whether EXIF (a TIFF structure) points to a GPS IFD (tag 0x8825) from IFD0.
pub fn exif_has_gps(exif: &[u8]) -> bool {
    let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
    let big = match tiff.get(..4) {
        Some(b"MM\0*") => true,
        Some(b"II*\0") => false,
        _ => return false,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        })
    };
    let Some(ifd0) = u32_at(4) else { return false };
    let ifd0 = ifd0 as usize;
    let Some(count) = u16_at(ifd0) else {
        return false;
    };
    (0..usize::from(count)).any(|i| u16_at(ifd0 + 2 + i * 12) == Some(0x8825))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{exif_block, marked_jpeg, with_exif};

    fn is_red(p: &image::Rgb<u8>) -> bool {
        p[0] > 200 && p[2] < 60
    }

    #[test]
    fn applies_all_eight_exif_orientations() {
        // Source 80x40, red in the top-left quadrant. Where the red ends up after each
        // orientation (EXIF 1..8), and whether the sides swap.
        let jpeg = marked_jpeg(80, 40);
        let expected = [
            (1, (80, 40), "top-left"),
            (2, (80, 40), "top-right"),
            (3, (80, 40), "bottom-right"),
            (4, (80, 40), "bottom-left"),
            (5, (40, 80), "top-left"),
            (6, (40, 80), "top-right"),
            (7, (40, 80), "bottom-right"),
            (8, (40, 80), "bottom-left"),
        ];
        for (orientation, dims, corner) in expected {
            let bytes = with_exif(&jpeg, &exif_block(orientation, false));
            let decoded = decode(&bytes).expect("decode");
            let img = decoded.image.to_rgb8();
            assert_eq!(img.dimensions(), dims, "orientation {orientation}");
            let (w, h) = dims;
            let at = match corner {
                "top-left" => (2, 2),
                "top-right" => (w - 3, 2),
                "bottom-right" => (w - 3, h - 3),
                _ => (2, h - 3),
            };
            assert!(
                is_red(img.get_pixel(at.0, at.1)),
                "orientation {orientation}: red expected {corner}, got {:?}",
                img.get_pixel(at.0, at.1)
            );
            assert!(decoded.metadata.exif);
            assert!(!decoded.metadata.gps);
        }
    }

    #[test]
    fn decodes_a_jpeg_at_the_fewest_eighths_that_are_enough_orientation_applied() {
        assert_eq!(eighths_for(1.0), 8);
        assert_eq!(eighths_for(0.9), 8);
        assert_eq!(eighths_for(0.625), 5);
        assert_eq!(eighths_for(0.588), 5);
        assert_eq!(eighths_for(0.5), 4);
        assert_eq!(eighths_for(0.01), 1);
        assert_eq!(eighths_for(f64::NAN), 8);

        // 800x400 stored, EXIF 6 (rotate 90): the picture is 400x800, red top-right.
        let bytes = with_exif(&marked_jpeg(800, 400), &exif_block(6, true));
        let mut asked = None;
        let decoded = decode_for(&bytes, |w, h| {
            asked = Some((w, h));
            0.3 // 3/8 is the first eighth at or above
        })
        .expect("decode");
        assert_eq!(
            asked,
            Some((400, 800)),
            "the scale is asked with the oriented size"
        );
        let img = decoded.image.to_rgb8();
        assert_eq!(img.dimensions(), (150, 300));
        assert!(is_red(img.get_pixel(147, 2)), "{:?}", img.get_pixel(147, 2));
        assert!(!is_red(img.get_pixel(2, 297)));
        assert!(
            decoded.metadata.gps,
            "metadata is read as for a full decode"
        );
        assert_eq!((decoded.probe.width, decoded.probe.height), (800, 400));

        // PNG has no DCT to scale: it decodes in full.
        let mut png = Vec::new();
        image::DynamicImage::ImageRgb8(image::RgbImage::new(64, 32))
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .expect("png");
        let decoded = decode_for(&png, |_, _| 0.25).expect("png");
        assert_eq!(decoded.image.width(), 64);
    }

    /// A minimal ICC v2 display profile: the given colorants (D50 XYZ) and a 2.2 gamma, its
    /// description `desc`.
    fn icc_profile(colorants: [[f64; 3]; 3], desc: &str) -> Vec<u8> {
        let s15 = |v: f64| ((v * 65536.0).round() as i32).to_be_bytes();
        let xyz = |c: [f64; 3]| {
            let mut t = b"XYZ \0\0\0\0".to_vec();
            for v in c {
                t.extend(s15(v));
            }
            t
        };
        let curve = {
            let mut t = b"curv\0\0\0\0".to_vec();
            t.extend(1u32.to_be_bytes());
            t.extend(((2.2 * 256.0) as u16).to_be_bytes());
            t.extend([0, 0]);
            t
        };
        let mut text = b"desc\0\0\0\0".to_vec();
        text.extend((desc.len() as u32 + 1).to_be_bytes());
        text.extend(desc.as_bytes());
        text.extend([0; 1 + 4 + 4 + 2 + 1 + 67]);
        let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
            (b"desc", text),
            (b"wtpt", xyz([0.9642, 1.0, 0.8249])),
            (b"rXYZ", xyz(colorants[0])),
            (b"gXYZ", xyz(colorants[1])),
            (b"bXYZ", xyz(colorants[2])),
            (b"rTRC", curve.clone()),
            (b"gTRC", curve.clone()),
            (b"bTRC", curve),
        ];
        let mut offset = 128 + 4 + 12 * tags.len();
        let mut table = (tags.len() as u32).to_be_bytes().to_vec();
        let mut data = Vec::new();
        for (sig, body) in &tags {
            table.extend(*sig);
            table.extend((offset as u32).to_be_bytes());
            table.extend((body.len() as u32).to_be_bytes());
            let mut padded = body.clone();
            padded.resize(body.len().div_ceil(4) * 4, 0);
            offset += padded.len();
            data.extend(padded);
        }
        let mut header = vec![0u8; 128];
        header[0..4].copy_from_slice(&((128 + table.len() + data.len()) as u32).to_be_bytes());
        header[8..12].copy_from_slice(&0x0210_0000u32.to_be_bytes());
        header[12..16].copy_from_slice(b"mntr");
        header[16..20].copy_from_slice(b"RGB ");
        header[20..24].copy_from_slice(b"XYZ ");
        header[36..40].copy_from_slice(b"acsp");
        header[68..80].copy_from_slice(&[0, 0, 0xf6, 0xd6, 0, 1, 0, 0, 0, 0, 0xd3, 0x2d]);
        [header, table, data].concat()
    }

    // sRGB's primaries adapted to D50, as ICC profiles store them.
    const SRGB_RED: [f64; 3] = [0.4361, 0.2225, 0.0139];
    const SRGB_GREEN: [f64; 3] = [0.3851, 0.7169, 0.0971];
    const SRGB_BLUE: [f64; 3] = [0.1431, 0.0606, 0.7141];

    fn jpeg_with_profile(profile: &[u8]) -> Vec<u8> {
        use image::ImageEncoder;
        let red = image::RgbImage::from_pixel(32, 32, image::Rgb([255, 0, 0]));
        let mut out = Vec::new();
        let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95);
        encoder.set_icc_profile(profile.to_vec()).expect("icc");
        encoder
            .write_image(red.as_raw(), 32, 32, image::ExtendedColorType::Rgb8)
            .expect("encode");
        out
    }

    #[test]
    fn converts_a_non_srgb_profile_to_srgb_and_says_so() {
        // A profile whose "red" is sRGB's green: stored red must come out green.
        let swapped = icc_profile([SRGB_GREEN, SRGB_RED, SRGB_BLUE], "Swapped red and green");
        let decoded = decode(&jpeg_with_profile(&swapped)).expect("decode");
        let p = decoded.image.to_rgb8().get_pixel(16, 16).0;
        assert!(
            p[1] > 200 && p[0] < 60 && p[2] < 60,
            "stored red should show green: {p:?}"
        );
        assert!(decoded.metadata.icc && decoded.metadata.icc_converted);
        assert!(
            decoded
                .metadata
                .stripped()
                .contains(&"colour profile (ICC; the colours were converted to sRGB)".to_owned())
        );

        // An sRGB profile changes nothing (and costs nothing).
        let srgb = icc_profile([SRGB_RED, SRGB_GREEN, SRGB_BLUE], "sRGB IEC61966-2.1");
        let decoded = decode(&jpeg_with_profile(&srgb)).expect("decode");
        assert!(decoded.metadata.icc && !decoded.metadata.icc_converted);
        let p = decoded.image.to_rgb8().get_pixel(16, 16).0;
        assert!(p[0] > 200 && p[1] < 60, "{p:?}");

        // A profile qcms cannot read leaves the pixels as they are.
        let decoded = decode(&jpeg_with_profile(
            b"not a profile at all, but long enough to pass as one...................",
        ))
        .expect("decode");
        assert!(decoded.metadata.icc && !decoded.metadata.icc_converted);
    }

    #[test]
    fn notices_gps_in_exif() {
        let bytes = with_exif(&marked_jpeg(16, 16), &exif_block(1, true));
        let decoded = decode(&bytes).expect("decode");
        assert!(decoded.metadata.gps);
        assert_eq!(
            decoded.metadata.stripped(),
            vec!["location (GPS)", "camera details (EXIF)"]
        );
    }

    #[test]
    fn refuses_hostile_and_unsupported_input_with_a_reason() {
        let mut heic = vec![0, 0, 0, 24];
        heic.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
        // A decompression bomb is a small file declaring a huge size: the PNGs below carry
        // 9 bytes of pixel data and are refused by their header before anything is inflated.
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("zero bytes", vec![], "the file is empty"),
            (
                "corrupt",
                b"\xff\xd8\xff\xe0 not a jpeg".to_vec(),
                "damaged",
            ),
            (
                "svg",
                b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
                "SVG drawings are not supported",
            ),
            (
                "heic",
                heic,
                "HEIC is not supported yet; export the photo as JPEG",
            ),
            ("bmp", b"BM\0\0\0\0\0\0\0\0".to_vec(), "not supported"),
            (
                "huge declared png",
                crate::fixtures::png_declaring(100_000, 100_000),
                "limit is 20000 per side",
            ),
            (
                "200 MP",
                crate::fixtures::png_declaring(16_000, 12_500),
                "(200 megapixels); the limit is 100 megapixels",
            ),
            (
                "truncated png",
                crate::fixtures::png_declaring(64, 64),
                "damaged",
            ),
        ];
        for (name, bytes, expected) in cases {
            let err = match decode(&bytes) {
                Ok(_) => panic!("{name}: decoded"),
                Err(e) => e,
            };
            assert!(err.contains(expected), "{name}: {err}");
        }
    }
}
