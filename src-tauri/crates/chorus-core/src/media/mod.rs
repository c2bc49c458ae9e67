//! The media library: content-addressed storage ([`store`]), thumbnails ([`thumbs`]) and the
//! catalogue's tags, search and "used in" ([`library`]). The pixels (decoding, recipes,
//! renders, overlays, the tray badge) are chorus-media's, re-exported here under their names.

pub mod library;
pub mod store;
pub mod thumbs;

pub use chorus_media::{badge, decode, overlay, presets, recipe, render};
pub use store::{
    LoadedImage, MAX_FILE_BYTES, MediaAsset, import_image, path_of, read_image, store_image,
};

/// The render preset images are fitted to for `network`; `None` for a network that takes no
/// image uploads.
pub fn render_target(network: chorus_networks::NetworkKind) -> Option<presets::RenderTarget> {
    presets::RenderTarget::parse(network.as_str())
}

#[cfg(test)]
mod tests {
    use chorus_networks::NetworkKind;

    #[test]
    fn every_network_that_takes_images_has_a_render_preset() {
        for &network in NetworkKind::ALL {
            if network.capabilities().images.max_per_post > 0 {
                assert!(
                    super::render_target(network).is_some(),
                    "{network:?} takes images but has no RenderTarget preset: its images would not be fitted"
                );
            }
        }
    }
}
