//! The media library: content-addressed storage ([`store`]), safe decoding with EXIF
//! orientation ([`decode`]), non-destructive edit recipes ([`recipe`]) rendered per network
//! ([`render`], [`presets`], text on the image: [`overlay`]), thumbnails ([`thumbs`]) and the catalogue's tags, search and
//! "used in" ([`library`]).

pub mod badge;
pub mod decode;
pub mod library;
pub mod overlay;
pub mod presets;
pub mod recipe;
pub mod render;
pub mod store;
pub mod thumbs;

pub use store::{
    LoadedImage, MAX_FILE_BYTES, MediaAsset, import_image, path_of, read_image, store_image,
};
