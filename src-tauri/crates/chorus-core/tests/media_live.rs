//! An edited photo published to the local Bluesky network: the AT Protocol reference
//! implementation (`@atproto/dev-env`), started by `tests/servers/with-servers.sh`
//! (`make test-networks`). The photo is a 4000 x 3000 noisy JPEG of several megabytes, far over
//! Bluesky's 1,000,000-byte blob limit; it is cropped square and brightened with a stored
//! recipe (the original stays untouched), published by the engine, and the blob is fetched
//! back from the PDS to check what Bluesky really holds.

use chorus_core::channel::ChannelConfig;
use chorus_core::inputs::{ImageInput, PostInput, WhenInput};
use chorus_core::media::library;
use chorus_core::media::recipe::{AspectPreset, Crop, Recipe};
use chorus_core::post;
use chorus_core::publish::{Engine, EngineConfig, NetworkConnector, TargetState};
use chorus_core::secrets::{MemorySecretStore, SecretStore};
use chorus_core::service::Service;
use chorus_core::workspace::{self, NewWorkspace};
use chorus_core::{DataDir, Store, SystemClock};
use chorus_testkit::servers;
use image::{GenericImageView, ImageEncoder, RgbImage};
use rand::RngExt;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex};

/// A photo-like noisy JPEG: noise does not compress, so it is several megabytes.
fn big_photo(path: &std::path::Path) {
    let mut rng = rand::rng();
    let img = RgbImage::from_fn(4000, 3000, |x, y| {
        let n: u8 = rng.random();
        image::Rgb([
            ((x / 16) as u8).wrapping_add(n / 2),
            ((y / 12) as u8).wrapping_add(n / 3),
            n,
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
        .write_image(img.as_raw(), 4000, 3000, image::ExtendedColorType::Rgb8)
        .expect("encode");
    std::fs::write(path, out).expect("write photo");
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn an_edited_photo_reaches_bluesky_cropped_and_within_its_blob_limit_on_atproto_reference() {
    let pds = servers::pds_url();
    let http = reqwest::Client::new();
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = DataDir::at(tmp.path().join("data")).expect("dir");
    let store = Arc::new(Mutex::new(Store::open(dir.database_path()).expect("open")));
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::default());
    let connector = Arc::new(NetworkConnector::new(secrets.clone()));
    let engine = Arc::new(
        Engine::new(
            store.clone(),
            dir.clone(),
            Arc::new(SystemClock),
            connector.clone(),
            EngineConfig::default(),
        )
        .expect("engine"),
    );
    let service = Service {
        store: store.clone(),
        dir: dir.clone(),
        clock: Arc::new(SystemClock),
        secrets,
        connector,
        engine_waker: Some(engine.waker()),
    };
    let ws = workspace::create(
        store.lock().expect("lock").connection(),
        &SystemClock,
        &NewWorkspace {
            name: "Photos".into(),
            timezone: "Europe/Berlin".into(),
        },
    )
    .expect("workspace");

    let account = servers::bluesky_account(&pds).await;
    let bsky = service
        .connect_channel(
            ws.id,
            None,
            ChannelConfig::Bluesky(chorus_networks::bluesky::BlueskySettings {
                service_url: pds.clone(),
                identifier: account.handle.clone(),
            }),
            account.app_password.clone(),
        )
        .await
        .expect("bluesky connects");

    let photo = tmp.path().join("IMG_2041.jpg");
    big_photo(&photo);
    let original = std::fs::read(&photo).expect("read photo");
    assert!(
        original.len() > 2_000_000,
        "the photo is {} bytes",
        original.len()
    );

    // Accepted although the original is over Bluesky's limit: it is judged as rendered.
    let created = service
        .create_post(PostInput {
            workspace_id: ws.id,
            channel_ids: vec![bsky.id],
            text: "Today's loaf, square".into(),
            thread: vec![],
            images: vec![ImageInput {
                path: photo.display().to_string(),
                alt: "A loaf on the counter".into(),
            }],
            when: WhenInput::Now,
            content_warning: None,
            language: None,
            deliver_on_server: false,
            variants: vec![],
            recurrence: None,
            tags: Vec::new(),
        })
        .await
        .expect("post with a big photo");

    // Edit before it goes out: a centred square crop, a little brighter.
    let asset = {
        let store = store.lock().expect("lock");
        let items = library::list(store.connection(), &dir, ws.id, None).expect("library");
        assert_eq!(items.len(), 1);
        let asset = items[0].clone();
        library::set_recipe(
            store.connection(),
            asset.id,
            &Recipe {
                crop: Some(Crop::centered(AspectPreset::Square, 4000, 3000)),
                brightness: 0.1,
                ..Recipe::default()
            },
        )
        .expect("recipe");
        asset
    };

    engine.run_once().await.expect("publish");
    let details = post::show(store.lock().expect("lock").connection(), created.id).expect("show");
    let target = &details.post.targets[0];
    assert_eq!(
        target.state,
        TargetState::Published,
        "{}",
        target.last_error
    );

    // What Bluesky holds: the record's image blob, fetched back from the PDS.
    let uri = target.remote_id.clone().expect("at uri");
    let parts: Vec<&str> = uri.trim_start_matches("at://").split('/').collect();
    let record: Value = http
        .get(format!("{pds}/xrpc/com.atproto.repo.getRecord"))
        .query(&[
            ("repo", parts[0]),
            ("collection", parts[1]),
            ("rkey", parts[2]),
        ])
        .send()
        .await
        .expect("getRecord")
        .json()
        .await
        .expect("json");
    let embedded = &record["value"]["embed"]["images"][0];
    assert_eq!(embedded["alt"], "A loaf on the counter");
    let cid = embedded["image"]["ref"]["$link"]
        .as_str()
        .unwrap_or_else(|| panic!("no blob in {record}"));
    let blob = http
        .get(format!("{pds}/xrpc/com.atproto.sync.getBlob"))
        .query(&[("did", parts[0]), ("cid", cid)])
        .send()
        .await
        .expect("getBlob")
        .bytes()
        .await
        .expect("blob bytes");
    assert!(
        blob.len() <= 1_000_000,
        "the blob is {} bytes, over Bluesky's 1,000,000",
        blob.len()
    );
    assert_eq!(embedded["image"]["mimeType"], "image/jpeg");
    assert_eq!(embedded["image"]["size"].as_u64(), Some(blob.len() as u64));
    let decoded = image::load_from_memory(&blob).expect("the blob is an image");
    let (w, h) = decoded.dimensions();
    assert_eq!(w, h, "cropped square, got {w}x{h}");
    assert!((1000..=2000).contains(&w), "{w}x{h}");
    assert_eq!(
        embedded["aspectRatio"],
        json!({"width": w, "height": h}),
        "{record}"
    );
    // Re-encoded: no EXIF segment (APP1 "Exif") travels with it.
    assert!(
        !blob.windows(6).any(|win| win == b"Exif\0\0"),
        "EXIF reached Bluesky"
    );
    // Non-destructive: the library's original is byte for byte what was imported.
    let kept = std::fs::read(&asset.path).expect("original");
    assert_eq!(hex(&Sha256::digest(&kept)), hex(&Sha256::digest(&original)));
    println!(
        "original {} bytes 4000x3000 -> Bluesky blob {} bytes {w}x{h} image/jpeg",
        original.len(),
        blob.len()
    );
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
