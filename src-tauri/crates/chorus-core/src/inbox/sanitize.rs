//! Network HTML is untrusted: it is cleaned with ammonia (an allow-list HTML sanitizer built
//! on html5ever, the parser browsers' behaviour is specified against) before it is stored, so
//! no script, style, event handler, iframe or form can reach the webview.

use std::collections::HashSet;

/// Keeps text formatting and links only; links get `rel="noopener noreferrer nofollow"` and
/// only http(s) targets survive (no `javascript:`, no `data:`).
pub fn html(untrusted: &str) -> String {
    let tags: HashSet<&str> = [
        "p",
        "br",
        "a",
        "span",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "del",
        "s",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
    ]
    .into_iter()
    .collect();
    let schemes: HashSet<&str> = ["http", "https"].into_iter().collect();
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(schemes)
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(untrusted)
        .to_string()
}

/// Plain text from anywhere (Bluesky, Nostr) stays text; this only drops control characters
/// that would garble a terminal or a notification.
pub fn text(untrusted: &str) -> String {
    untrusted
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

/// Only http(s) image and avatar URLs are kept; anything else (javascript:, data:, file:) is
/// dropped rather than handed to an `<img>`.
pub fn url(untrusted: &str) -> Option<String> {
    let parsed = url::Url::parse(untrusted.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_html_loses_everything_that_runs() {
        let hostile = r#"<p onclick="steal()">hi <script>alert(1)</script><img src=x onerror=alert(2)>
            <a href="javascript:alert(3)">click</a> <a href="https://ok.example/">ok</a>
            <iframe src="https://evil.example"></iframe><style>body{display:none}</style>
            <svg><script>alert(4)</script></svg><form action="https://evil.example"><input></form></p>"#;
        let clean = html(hostile);
        for bad in [
            "script",
            "onerror",
            "onclick",
            "javascript:",
            "iframe",
            "style",
            "svg",
            "form",
            "input",
            "<img",
        ] {
            assert!(!clean.contains(bad), "{bad} survived: {clean}");
        }
        assert!(clean.contains(r#"href="https://ok.example/""#), "{clean}");
        assert!(clean.contains("noopener"), "{clean}");
    }

    #[test]
    fn only_web_urls_are_kept() {
        assert_eq!(url("javascript:alert(1)"), None);
        assert_eq!(url("data:image/png;base64,AAAA"), None);
        assert_eq!(
            url("https://cdn.example/a.png").as_deref(),
            Some("https://cdn.example/a.png")
        );
        assert_eq!(text("a\u{1b}[31mb\nc"), "a[31mb\nc");
    }
}
