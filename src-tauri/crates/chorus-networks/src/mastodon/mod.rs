//! mastodon adapter (being written).
