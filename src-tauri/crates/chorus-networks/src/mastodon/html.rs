//! Mastodon hands statuses back as HTML; comparing and showing them needs the plain text.

/// The text a reader sees: tags dropped (including Mastodon's "invisible" link spans, whose
/// text is part of the URL), paragraphs and line breaks kept, entities decoded.
pub fn to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..open]));
        let Some(close) = rest[open..].find('>') else {
            // A stray '<' is text.
            out.push_str(&decode_entities(&rest[open..]));
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        match (tag.starts_with('/'), name) {
            (false, "br") => out.push('\n'),
            (true, "p") => out.push_str("\n\n"),
            _ => {}
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(&decode_entities(rest));
    out.trim_end().to_owned()
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let decoded = after
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| entity(&after[..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_a_reader_sees() {
        let html = r#"<p>Hello <span class="h-card"><a href="https://x.example/@bob" class="u-url mention">@<span>bob</span></a></span> &amp; <a href="https://example.com/a/very/long/path" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="ellipsis">example.com/a/very/lo</span><span class="invisible">ng/path</span></a></p><p>second<br />line &#39;quoted&#x27; &lt;b&gt;</p>"#;
        assert_eq!(
            to_text(html),
            "Hello @bob & https://example.com/a/very/long/path\n\nsecond\nline 'quoted' <b>"
        );
    }

    #[test]
    fn tolerates_odd_input() {
        assert_eq!(to_text("a < b & c"), "a < b & c");
        assert_eq!(to_text("AT&T; &bogus; &#xZZ;"), "AT&T; &bogus; &#xZZ;");
        assert_eq!(to_text(""), "");
    }
}
