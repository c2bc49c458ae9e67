//! Counting text the way each network counts it.

use unicode_segmentation::UnicodeSegmentation;

/// Extended grapheme clusters: what Bluesky's 300 limit counts (an emoji with modifiers is one).
pub fn graphemes(text: &str) -> usize {
    text.graphemes(true).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_user_perceived_characters() {
        assert_eq!(graphemes("hello"), 5);
        assert_eq!(graphemes("👩‍👩‍👧‍👦"), 1);
        assert_eq!(graphemes("e\u{301}"), 1);
        assert_eq!(graphemes("🇩🇪🇫🇷"), 2);
    }
}
