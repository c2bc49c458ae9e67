//! `chorus media`: the media library from the command line (import, list, tag, edit, render,
//! delete), over the same core as the app.

use crate::Cli;
use crate::output::print_json;
use anyhow::{Context, bail};
use chorus_core::media::library::{self, LibraryItem};
use chorus_core::media::presets::RenderTarget;
use chorus_core::media::recipe::{AspectPreset, Crop, Filter, TextOverlay};
use chorus_core::media::render::WatermarkPosition;
use chorus_core::media::{self, decode, thumbs};
use chorus_core::{CoreError, DataDir, Store, SystemClock, workspace};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum MediaCommand {
    /// Import image files (JPEG, PNG, WebP, GIF) into the library; the same file twice is
    /// stored once.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        workspace: Option<i64>,
    },
    /// List the library, newest first.
    List {
        /// Words that must all appear in the file name, tags or alt text.
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        workspace: Option<i64>,
    },
    /// Add tags to an image (or remove them with --remove).
    Tag {
        id: i64,
        #[arg(required = true)]
        tags: Vec<String>,
        #[arg(long)]
        remove: bool,
    },
    /// Set an image's default alt text.
    Alt { id: i64, text: String },
    /// Change an image's edit recipe (the original file is kept as it is).
    Edit {
        id: i64,
        /// free, 1:1, 4:5, 1.91:1, 9:16 or 16:9: the largest centred crop of that shape.
        #[arg(long)]
        crop_preset: Option<String>,
        /// Clockwise: 0, 90, 180 or 270.
        #[arg(long)]
        rotate: Option<u16>,
        #[arg(long)]
        flip_horizontal: bool,
        #[arg(long)]
        flip_vertical: bool,
        /// Degrees, -15..15.
        #[arg(long, allow_negative_numbers = true)]
        straighten: Option<f32>,
        /// -1..1
        #[arg(long, allow_negative_numbers = true)]
        brightness: Option<f32>,
        #[arg(long, allow_negative_numbers = true)]
        contrast: Option<f32>,
        #[arg(long, allow_negative_numbers = true)]
        saturation: Option<f32>,
        #[arg(long, allow_negative_numbers = true)]
        warmth: Option<f32>,
        /// mono, fade, vivid, golden, or none.
        #[arg(long)]
        filter: Option<String>,
        /// Stamp the workspace watermark: true or false.
        #[arg(long)]
        watermark: Option<bool>,
        /// Start from no edits.
        #[arg(long)]
        reset: bool,
        /// Text on the image (a line break starts a new line); "" removes it.
        #[arg(long)]
        text: Option<String>,
        /// Where the text sits: top-left, top-right, bottom-left, bottom-right or center.
        #[arg(long)]
        text_position: Option<String>,
        /// Text size in % of the image's width, 2..20 (default 6).
        #[arg(long)]
        text_size: Option<f32>,
        /// Text colour, #rrggbb (default #ffffff).
        #[arg(long)]
        text_color: Option<String>,
        /// A dark band behind the text: true or false (default true).
        #[arg(long)]
        text_backdrop: Option<bool>,
    },
    /// Render an image for a network as it would be published, and write it to a file.
    Render {
        id: i64,
        /// bluesky, mastodon, nostr or instagram.
        #[arg(long)]
        network: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// The posts that use an image.
    UsedIn { id: i64 },
    /// Delete an image no post uses.
    Delete { id: i64 },
}

fn workspace_id(store: &Store, given: Option<i64>) -> anyhow::Result<i64> {
    if let Some(id) = given {
        return Ok(id);
    }
    let all = workspace::list(store.connection())?;
    match all.as_slice() {
        [only] => Ok(only.id),
        [] => bail!(
            "there is no workspace yet; create one: chorus workspace create --name NAME --timezone ZONE"
        ),
        _ => bail!(
            "there are {} workspaces; say which with --workspace ID (see chorus workspace list)",
            all.len()
        ),
    }
}

fn print_item(i: &LibraryItem) {
    let tags = if i.tags.is_empty() {
        String::new()
    } else {
        format!("  #{}", i.tags.join(" #"))
    };
    let edited = if i.recipe.is_identity() {
        ""
    } else {
        "  (edited)"
    };
    let alt = if i.alt_text.is_empty() {
        "  [no alt text]".to_owned()
    } else {
        format!("  alt: {}", i.alt_text)
    };
    println!(
        "{:>5}  {}  {}x{}  {}  {} bytes{edited}{tags}{alt}",
        i.id, i.file_name, i.width, i.height, i.mime_type, i.byte_size
    );
}

pub fn run(cli: &Cli, cmd: &MediaCommand) -> anyhow::Result<()> {
    let (dir, store) = super::open(cli)?;
    let conn = store.connection();
    match cmd {
        MediaCommand::Import { files, workspace } => {
            let ws = workspace_id(&store, *workspace)?;
            let mut imported = Vec::new();
            for file in files {
                let asset = media::import_image(conn, &SystemClock, &dir, ws, file)?;
                imported.push(asset.id);
            }
            thumbs::process_pending(conn, &dir)?;
            let items: Vec<LibraryItem> = imported
                .iter()
                .map(|id| library::get(conn, &dir, *id))
                .collect::<Result<_, _>>()?;
            if cli.json {
                return print_json(&items);
            }
            items.iter().for_each(print_item);
        }
        MediaCommand::List { search, workspace } => {
            let ws = workspace_id(&store, *workspace)?;
            let items = library::list(conn, &dir, ws, search.as_deref())?;
            if cli.json {
                return print_json(&items);
            }
            if items.is_empty() {
                println!("No images. Import some: chorus media import FILE...");
            }
            items.iter().for_each(print_item);
        }
        MediaCommand::Tag { id, tags, remove } => {
            if *remove {
                library::remove_tags(conn, *id, tags)?;
            } else {
                library::add_tags(conn, *id, tags)?;
            }
            show(cli, &library::get(conn, &dir, *id)?)?;
        }
        MediaCommand::Alt { id, text } => {
            library::set_alt(conn, *id, text)?;
            show(cli, &library::get(conn, &dir, *id)?)?;
        }
        MediaCommand::Edit {
            id,
            crop_preset,
            rotate,
            flip_horizontal,
            flip_vertical,
            straighten,
            brightness,
            contrast,
            saturation,
            warmth,
            filter,
            watermark,
            reset,
            text,
            text_position,
            text_size,
            text_color,
            text_backdrop,
        } => {
            let item = library::get(conn, &dir, *id)?;
            let mut recipe = if *reset {
                Default::default()
            } else {
                item.recipe.clone()
            };
            if let Some(r) = rotate {
                recipe.rotate = *r;
            }
            recipe.flip_horizontal ^= *flip_horizontal;
            recipe.flip_vertical ^= *flip_vertical;
            for (slot, value) in [
                (&mut recipe.straighten, straighten),
                (&mut recipe.brightness, brightness),
                (&mut recipe.contrast, contrast),
                (&mut recipe.saturation, saturation),
                (&mut recipe.warmth, warmth),
            ] {
                if let Some(v) = value {
                    *slot = *v;
                }
            }
            if let Some(f) = filter {
                recipe.filter = if f == "none" {
                    None
                } else {
                    Some(Filter::parse(f).map_err(CoreError::from)?)
                };
            }
            if let Some(w) = watermark {
                recipe.watermark = *w;
            }
            if let Some(p) = crop_preset {
                let preset = AspectPreset::parse(p).map_err(CoreError::from)?;
                let (w, h) = oriented_size(&dir, &item)?;
                let (w, h) = if recipe.rotate % 180 == 90 {
                    (h, w)
                } else {
                    (w, h)
                };
                recipe.crop = (preset != AspectPreset::Free).then(|| Crop::centered(preset, w, h));
            }
            if let Some(t) = text {
                recipe.text = (!t.is_empty()).then(|| TextOverlay {
                    text: t.clone(),
                    ..recipe.text.clone().unwrap_or_else(default_overlay)
                });
            }
            let styled = text_position.is_some()
                || text_size.is_some()
                || text_color.is_some()
                || text_backdrop.is_some();
            if styled {
                let Some(overlay) = recipe.text.as_mut() else {
                    bail!("this image has no text on it; add it with --text first");
                };
                if let Some(p) = text_position {
                    overlay.position = parse_position(p)?;
                }
                if let Some(size) = text_size {
                    overlay.size = size / 100.0;
                }
                if let Some(c) = text_color {
                    overlay.color = c.clone();
                }
                if let Some(b) = text_backdrop {
                    overlay.backdrop = *b;
                }
            }
            library::set_recipe(conn, *id, &recipe)?;
            let item = library::get(conn, &dir, *id)?;
            if cli.json {
                return print_json(&item);
            }
            println!("{}", serde_json::to_string(&item.recipe)?);
        }
        MediaCommand::Render { id, network, out } => {
            let target = RenderTarget::parse(network).with_context(|| {
                format!("unknown network {network:?}; use bluesky, mastodon, nostr or instagram")
            })?;
            let rendered = library::render_for(conn, &dir, *id, &[target])?
                .pop()
                .context("nothing was rendered")?;
            std::fs::write(out, &rendered.bytes)
                .with_context(|| format!("cannot write {}", out.display()))?;
            if cli.json {
                return print_json(&rendered.summary);
            }
            let s = &rendered.summary;
            println!(
                "{}: {}x{} {} {} bytes{} -> {}",
                target.as_str(),
                s.width,
                s.height,
                s.mime_type,
                s.byte_size,
                if s.quality > 0 {
                    format!(" (quality {})", s.quality)
                } else {
                    String::new()
                },
                out.display()
            );
            if s.shrunk_for_bytes {
                println!("made smaller to fit the network's byte limit");
            }
            if s.stripped.is_empty() {
                println!("removed: nothing (the original had no personal metadata)");
            } else {
                println!("removed: {}", s.stripped.join(", "));
            }
        }
        MediaCommand::UsedIn { id } => {
            let uses = library::used_in(conn, *id)?;
            if cli.json {
                return print_json(&uses);
            }
            if uses.is_empty() {
                println!("No post uses image {id}.");
            }
            for u in &uses {
                println!(
                    "post {:>5}  {}  {}  {}",
                    u.post_id,
                    u.status,
                    u.scheduled_at.as_deref().unwrap_or("-"),
                    u.excerpt
                );
            }
        }
        MediaCommand::Delete { id } => {
            library::delete(conn, &dir, *id)?;
            if cli.json {
                return print_json(&serde_json::json!({ "deleted": id }));
            }
            println!("Deleted image {id}.");
        }
    }
    Ok(())
}

fn show(cli: &Cli, item: &LibraryItem) -> anyhow::Result<()> {
    if cli.json {
        return print_json(item);
    }
    print_item(item);
    Ok(())
}

/// Width and height as the user sees the image (EXIF orientation applied).
fn oriented_size(dir: &DataDir, item: &LibraryItem) -> anyhow::Result<(u32, u32)> {
    let bytes = std::fs::read(media::path_of(dir, &item.sha256))
        .with_context(|| format!("the file of image {} is missing", item.id))?;
    let decoded =
        decode::decode(&bytes).map_err(|why| anyhow::anyhow!("{}: {why}", item.file_name))?;
    Ok((decoded.image.width(), decoded.image.height()))
}

fn default_overlay() -> TextOverlay {
    TextOverlay {
        text: String::new(),
        position: WatermarkPosition::BottomLeft,
        size: 0.06,
        color: "#ffffff".into(),
        backdrop: true,
    }
}

fn parse_position(p: &str) -> anyhow::Result<WatermarkPosition> {
    Ok(match p {
        "top-left" => WatermarkPosition::TopLeft,
        "top-right" => WatermarkPosition::TopRight,
        "bottom-left" => WatermarkPosition::BottomLeft,
        "bottom-right" => WatermarkPosition::BottomRight,
        "center" | "centre" => WatermarkPosition::Center,
        other => bail!(
            "unknown position {other:?}; use top-left, top-right, bottom-left, bottom-right or center"
        ),
    })
}
