//! The unread count drawn on an icon (the tray's): a red disc in the top-right corner with
//! the number in white, "99+" beyond 99.

use crate::overlay::{blend_pixel, draw_glyphs, font};
use ab_glyph::{Font, PxScale, ScaleFont};

const RED: [u8; 3] = [0xd9, 0x2d, 0x20];

/// What the badge says for `count`; nothing for none.
pub fn label(count: i64) -> Option<String> {
    match count {
        c if c <= 0 => None,
        c if c > 99 => Some("99+".into()),
        c => Some(c.to_string()),
    }
}

/// Draws `text` on a red disc over the top-right of an RGBA `w` x `h` image.
pub fn draw(rgba: &mut [u8], w: u32, h: u32, text: &str) {
    let side = w.min(h) as f32;
    // Wider for more digits, never past the icon.
    let d = side * if text.chars().count() > 2 { 0.72 } else { 0.62 };
    let r = d / 2.0;
    let (cx, cy) = (w as f32 - r, r);
    let mut blend = |x: i64, y: i64, rgb: [u8; 3], a: f32| {
        blend_pixel(rgba, (w, h, 4), x, y, rgb, a);
    };
    // The disc, edge smoothed over a pixel.
    for y in 0..(d.ceil() as i64) {
        for x in ((w as f32 - d).floor() as i64)..i64::from(w) {
            let dist = ((x as f32 + 0.5 - cx).powi(2) + (y as f32 + 0.5 - cy).powi(2)).sqrt();
            blend(x, y, RED, (r - dist + 0.5).clamp(0.0, 1.0));
        }
    }
    // The number, centred on the disc: across by its advance width, down by the digits' height.
    let f = font();
    let scale = PxScale::from(d * if text.chars().count() > 2 { 0.5 } else { 0.68 });
    let scaled = f.as_scaled(scale);
    let width: f32 = text.chars().map(|c| scaled.h_advance(f.glyph_id(c))).sum();
    let cap = scaled.ascent() * 0.72; // digits are about this tall above the baseline
    let baseline = cy + cap / 2.0;
    draw_glyphs(text, scale, cx - width / 2.0, baseline, &mut |x, y, cov| {
        blend(x, y, [255, 255, 255], cov);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_people_expect() {
        assert_eq!(label(0), None);
        assert_eq!(label(-3), None);
        assert_eq!(label(7).as_deref(), Some("7"));
        assert_eq!(label(42).as_deref(), Some("42"));
        assert_eq!(label(1200).as_deref(), Some("99+"));
    }

    #[test]
    fn a_red_disc_top_right_with_white_digits_and_the_rest_untouched() {
        let (w, h) = (64u32, 64u32);
        let grey = [90u8, 90, 90, 255];
        let mut icon: Vec<u8> = grey
            .iter()
            .copied()
            .cycle()
            .take((w * h * 4) as usize)
            .collect();
        draw(&mut icon, w, h, "12");
        let px = |x: u32, y: u32| {
            let at = ((y * w + x) * 4) as usize;
            [icon[at], icon[at + 1], icon[at + 2], icon[at + 3]]
        };
        // Bottom-left stays as it was; the disc's rim is red; white ink near its centre.
        assert_eq!(px(4, 60), grey);
        assert_eq!(px(w - 20, 4)[..3], RED, "{:?}", px(w - 20, 4));
        let white = (24..64)
            .flat_map(|x| (0..40).map(move |y| (x, y)))
            .filter(|&(x, y)| px(x, y)[..3].iter().all(|&v| v > 230))
            .count();
        assert!(white > 40, "{white} white pixels of the digits");
        if let Ok(dir) = std::env::var("CHORUS_BADGE_PNG") {
            image::RgbaImage::from_raw(w, h, icon.clone())
                .expect("image")
                .save(format!("{dir}/badge-12.png"))
                .expect("save");
        }
    }
}
