//! nostr adapter (being written).
