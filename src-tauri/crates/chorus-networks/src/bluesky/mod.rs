//! bluesky adapter (being written).
