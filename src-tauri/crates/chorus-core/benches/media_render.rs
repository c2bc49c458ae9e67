//! Rendering a 24-megapixel phone photo to four network presets (Bluesky, Mastodon, Nostr,
//! Instagram), Chorus against ImageMagick `convert` and libvips `vipsthumbnail` doing the same
//! four resizes and encodes, side by side in one run. The goals: under 300 ms total on this 2-core machine, and
//! at least 3x faster than `convert`. Then thumbnails for 500 photos made on a background
//! thread while the "UI" thread keeps querying the library: how long they take, and the
//! longest the foreground waited.
//!
//! `cargo bench -p chorus-core --bench media_render` (tests/bench/media-render.sh, make bench).
//! Prints figures; asserts nothing about time. Settings: `CHORUS_BENCH_RUNS` (7),
//! `CHORUS_BENCH_PHOTOS` (500), `CHORUS_CONVERT` (the convert binary; default /usr/bin/convert
//! when present, which skips any wrapper on PATH), `CHORUS_VIPSTHUMBNAIL` (vipsthumbnail).

use chorus_core::media::{
    self, decode, library, presets::RenderTarget, recipe::Recipe, render, thumbs,
};
use chorus_core::workspace::{self, NewWorkspace};
use chorus_core::{DataDir, Store, SystemClock};
use std::path::Path;
use std::time::{Duration, Instant};

type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A photo-like picture: smooth gradients, soft shapes and sensor-like noise, so JPEG has
/// real work to do (a flat colour would flatter every encoder).
fn photo(w: u32, h: u32, seed: u32) -> image::RgbImage {
    let mut s = seed | 1;
    image::RgbImage::from_fn(w, h, |x, y| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        let n = (s % 24) as i32 - 12;
        let fx = x as f32 / w as f32;
        let fy = y as f32 / h as f32;
        let wave = ((fx * 9.0 + seed as f32).sin() * (fy * 7.0).cos() * 60.0) as i32;
        let c = |base: i32| (base + wave + n).clamp(0, 255) as u8;
        image::Rgb([
            c((fx * 200.0) as i32 + 30),
            c((fy * 180.0) as i32 + 40),
            c(120),
        ])
    })
}

fn jpeg(img: &image::RgbImage, quality: u8) -> BenchResult<Vec<u8>> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(img)?;
    Ok(out)
}

fn stats(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(samples[0]), ms(samples[samples.len() / 2]))
}

fn vipsthumbnail_bin() -> String {
    std::env::var("CHORUS_VIPSTHUMBNAIL").unwrap_or_else(|_| "vipsthumbnail".into())
}

fn convert_bin() -> String {
    std::env::var("CHORUS_CONVERT").unwrap_or_else(|_| {
        if Path::new("/usr/bin/convert").exists() {
            "/usr/bin/convert".into()
        } else {
            "convert".into()
        }
    })
}

fn render_bench(dir: &Path, runs: usize) -> BenchResult<()> {
    println!("generating a 6000x4000 (24 MP) photo-like JPEG...");
    let source = jpeg(&photo(6000, 4000, 7), 92)?;
    let input = dir.join("photo-24mp.jpg");
    std::fs::write(&input, &source)?;
    println!("  {} bytes", source.len());

    let presets: Vec<_> = RenderTarget::ALL.iter().map(|t| t.preset()).collect();
    let mut chorus = Vec::new();
    let mut last = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        // As the app does (media::library): decoded at no more than the outputs need.
        let decoded = decode::decode_for(&source, |w, h| {
            render::least_scale(w, h, &Recipe::default(), &presets)
        })?;
        last = render::render(&decoded, &Recipe::default(), &presets, None)?;
        chorus.push(started.elapsed());
    }
    for r in &last {
        let s = &r.summary;
        println!(
            "  chorus {:<9} {}x{} {} bytes {} q{}",
            s.target.as_str(),
            s.width,
            s.height,
            s.byte_size,
            s.mime_type,
            s.quality
        );
    }
    let (chorus_min, chorus_p50) = stats(chorus);
    let mut decode_only = Vec::new();
    let mut decode_full = Vec::new();
    let mut scaled_size = (0, 0);
    for _ in 0..runs {
        let started = Instant::now();
        let d = decode::decode_for(&source, |w, h| {
            render::least_scale(w, h, &Recipe::default(), &presets)
        })?;
        decode_only.push(started.elapsed());
        scaled_size = (d.image.width(), d.image.height());
        let started = Instant::now();
        decode::decode(&source)?;
        decode_full.push(started.elapsed());
    }
    let (decode_min, decode_p50) = stats(decode_only);
    let (full_min, full_p50) = stats(decode_full);

    // The same four: fit 2000 px within 1,000,000 bytes, 8.3 MP, 2048 px, 1080 px wide; JPEG,
    // metadata stripped, decoded once.
    let convert = convert_bin();
    let out = |name: &str| dir.join(name).display().to_string();
    let args: Vec<String> = vec![
        input.display().to_string(),
        "-strip".into(),
        "(".into(),
        "+clone".into(),
        "-resize".into(),
        "2000x2000>".into(),
        "-quality".into(),
        "88".into(),
        "-define".into(),
        "jpeg:extent=1000000".into(),
        "-write".into(),
        out("im-bluesky.jpg"),
        "+delete".into(),
        ")".into(),
        "(".into(),
        "+clone".into(),
        "-resize".into(),
        "8294400@>".into(),
        "-quality".into(),
        "88".into(),
        "-write".into(),
        out("im-mastodon.jpg"),
        "+delete".into(),
        ")".into(),
        "(".into(),
        "+clone".into(),
        "-resize".into(),
        "2048x2048>".into(),
        "-quality".into(),
        "88".into(),
        "-write".into(),
        out("im-nostr.jpg"),
        "+delete".into(),
        ")".into(),
        "-resize".into(),
        "1080x>".into(),
        "-quality".into(),
        "88".into(),
        out("im-instagram.jpg"),
    ];
    let mut magick = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let status = std::process::Command::new(&convert).args(&args).status();
        match status {
            Ok(s) if s.success() => magick.push(started.elapsed()),
            Ok(s) => return Err(format!("{convert} failed: {s}").into()),
            Err(e) => {
                println!(
                    "  ImageMagick ({convert}) not available: {e}; install the imagemagick package"
                );
                break;
            }
        }
    }
    // libvips (the engine under sharp, which Postiz and Bluesky's own tools use): one
    // `vipsthumbnail` per output, each with shrink-on-load, Q 88, metadata stripped. It has no
    // byte budget like ImageMagick's jpeg:extent, so the Bluesky output is only sized.
    let vips = vipsthumbnail_bin();
    let (src_w, src_h) = image::image_dimensions(&input)?;
    let mastodon_scale = (8_294_400f64 / (f64::from(src_w) * f64::from(src_h)))
        .sqrt()
        .min(1.0);
    let mastodon_edge = (f64::from(src_w.max(src_h)) * mastodon_scale).floor() as u32;
    let vips_jobs: Vec<(String, &str)> = vec![
        ("2000x2000>".into(), "vips-bluesky.jpg"),
        (
            format!("{mastodon_edge}x{mastodon_edge}>"),
            "vips-mastodon.jpg",
        ),
        ("2048x2048>".into(), "vips-nostr.jpg"),
        ("1080x".into(), "vips-instagram.jpg"),
    ];
    let mut libvips = Vec::new();
    'runs: for _ in 0..runs {
        let started = Instant::now();
        for (size, name) in &vips_jobs {
            let status = std::process::Command::new(&vips)
                .arg(&input)
                .args(["--size", size, "-o"])
                .arg(format!("{}[Q=88,strip]", out(name)))
                .status();
            match status {
                Ok(s) if s.success() => {}
                Ok(s) => return Err(format!("{vips} failed: {s}").into()),
                Err(e) => {
                    println!(
                        "  libvips ({vips}) not available: {e}; install the libvips-tools package"
                    );
                    break 'runs;
                }
            }
        }
        libvips.push(started.elapsed());
    }
    println!();
    println!("media render, 24 MP JPEG -> 4 presets (decode included), {runs} runs:");
    println!("  chorus       min {chorus_min:8.1} ms   p50 {chorus_p50:8.1} ms   (goal: < 300 ms)");
    println!(
        "    of which decoding the 24 MP JPEG at {}x{} (what the outputs need): min {decode_min:.1} ms, p50 {decode_p50:.1} ms",
        scaled_size.0, scaled_size.1
    );
    println!("    (decoding it in full instead: min {full_min:.1} ms, p50 {full_p50:.1} ms)");
    if !magick.is_empty() {
        for name in [
            "im-bluesky.jpg",
            "im-mastodon.jpg",
            "im-nostr.jpg",
            "im-instagram.jpg",
        ] {
            let (w, h) = image::image_dimensions(dir.join(name))?;
            let len = std::fs::metadata(dir.join(name))?.len();
            println!("  convert {name:<17} {w}x{h} {len} bytes");
        }
        let (im_min, im_p50) = stats(magick);
        println!("  imagemagick  min {im_min:8.1} ms   p50 {im_p50:8.1} ms   ({convert})");
        println!(
            "  ratio (imagemagick / chorus, p50): {:.2}x   (goal: >= 3x)",
            im_p50 / chorus_p50
        );
    }
    if !libvips.is_empty() {
        for (_, name) in &vips_jobs {
            let (w, h) = image::image_dimensions(dir.join(name))?;
            let len = std::fs::metadata(dir.join(name))?.len();
            println!("  vipsthumbnail {name:<19} {w}x{h} {len} bytes");
        }
        let (vips_min, vips_p50) = stats(libvips);
        println!(
            "  libvips      min {vips_min:8.1} ms   p50 {vips_p50:8.1} ms   ({vips}, 4 processes)"
        );
        println!(
            "  ratio (libvips / chorus, p50): {:.2}x",
            vips_p50 / chorus_p50
        );
    }
    Ok(())
}

fn thumbs_bench(dir: &Path, photos: usize) -> BenchResult<()> {
    println!();
    println!("generating {photos} photos (1600x1200 JPEG) into a library...");
    let data = DataDir::at(dir.join("data"))?;
    let store = Store::open(data.database_path())?;
    let ws = workspace::create(
        store.connection(),
        &SystemClock,
        &NewWorkspace {
            name: "Bench".into(),
            timezone: "UTC".into(),
        },
    )?
    .id;
    let base = photo(1600, 1200, 3);
    for i in 0..photos {
        let mut img = base.clone();
        // Different content per photo, so each is stored (and thumbnailed) once.
        // An 8x8 block (one JPEG block, so quantisation cannot erase the difference).
        let (bx, by) = ((i % 200) as u32 * 8, (i / 200) as u32 * 8);
        for y in by..by + 8 {
            for x in bx..bx + 8 {
                img.put_pixel(
                    x,
                    y,
                    image::Rgb([(i % 256) as u8, 255, (i / 256) as u8 * 100]),
                );
            }
        }
        let path = dir.join(format!("p{i:04}.jpg"));
        std::fs::write(&path, jpeg(&img, 85)?)?;
        media::import_image(store.connection(), &SystemClock, &data, ws, &path)?;
    }
    let worker_data = data.clone();
    let db = data.database_path();
    let started = Instant::now();
    let worker = std::thread::spawn(move || -> Result<usize, String> {
        let store = Store::open(db).map_err(|e| e.to_string())?;
        thumbs::process_pending(store.connection(), &worker_data).map_err(|e| e.to_string())
    });
    // The foreground keeps listing the library, as the UI would while thumbnails appear.
    let mut longest = Duration::ZERO;
    let mut queries = 0;
    while !worker.is_finished() {
        let t = Instant::now();
        library::list(store.connection(), &data, ws, None)?;
        longest = longest.max(t.elapsed());
        queries += 1;
        std::thread::sleep(Duration::from_millis(5));
    }
    let made = worker.join().map_err(|_| "thumbnail worker panicked")??;
    let total = started.elapsed();
    let ready = library::list(store.connection(), &data, ws, None)?
        .iter()
        .filter(|i| i.thumb_state == "ready")
        .count();
    println!("thumbnails, {photos} photos on a background thread:");
    println!(
        "  {made} made ({ready} ready) in {:.2} s ({:.1} ms per photo)",
        total.as_secs_f64(),
        total.as_secs_f64() * 1000.0 / made.max(1) as f64
    );
    println!(
        "  foreground: {queries} library listings meanwhile, the longest took {:.1} ms",
        longest.as_secs_f64() * 1000.0
    );
    Ok(())
}

fn main() -> BenchResult<()> {
    let tmp = std::env::temp_dir().join(format!("chorus-media-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let result = render_bench(&tmp, env_usize("CHORUS_BENCH_RUNS", 7))
        .and_then(|()| thumbs_bench(&tmp, env_usize("CHORUS_BENCH_PHOTOS", 500)));
    let _ = std::fs::remove_dir_all(&tmp);
    result
}
