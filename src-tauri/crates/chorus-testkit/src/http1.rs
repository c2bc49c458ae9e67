//! Just enough HTTP/1.1 for a proxy that sees one request per connection: message heads, and
//! bodies framed by `Content-Length`, `Transfer-Encoding: chunked`, or the end of the connection.
//! Bodies are read whole and re-sent with a `Content-Length`, so the proxy can rewrite them.

use std::io;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt};

/// Longest head accepted (request or status line plus headers).
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Largest body accepted: test images are a few hundred KiB.
const MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

fn invalid(what: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.into())
}

/// A request line or status line, and the headers, in the order received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub start_line: String,
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// Reads a head up to its blank line. `Ok(None)`: the peer closed before sending anything.
    pub async fn read<R: AsyncBufRead + Unpin>(reader: &mut R) -> io::Result<Option<Self>> {
        let mut lines: Vec<String> = Vec::new();
        let mut total = 0;
        loop {
            let mut line = Vec::new();
            let n = reader.read_until(b'\n', &mut line).await?;
            if n == 0 {
                return if lines.is_empty() && total == 0 {
                    Ok(None)
                } else {
                    Err(invalid(
                        "the connection closed in the middle of a message head",
                    ))
                };
            }
            total += n;
            if total > MAX_HEAD_BYTES {
                return Err(invalid("message head too large"));
            }
            let text = String::from_utf8(line).map_err(|_| invalid("message head is not UTF-8"))?;
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                if lines.is_empty() {
                    // Stray blank lines before a request are allowed (RFC 9112 2.2).
                    continue;
                }
                break;
            }
            lines.push(text.to_owned());
        }
        let mut lines = lines.into_iter();
        let start_line = lines.next().ok_or_else(|| invalid("empty message head"))?;
        let mut headers = Vec::new();
        for line in lines {
            let (name, value) = line
                .split_once(':')
                .ok_or_else(|| invalid(format!("not a header line: {line:?}")))?;
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
        Ok(Some(Self {
            start_line,
            headers,
        }))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether a comma-separated header (Connection, Upgrade, Transfer-Encoding) lists `token`.
    pub fn has_token(&self, name: &str, token: &str) -> bool {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .flat_map(|(_, v)| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    }

    pub fn remove(&mut self, name: &str) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
    }

    /// Replaces every header called `name` with one.
    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.remove(name);
        self.headers.push((name.to_owned(), value.into()));
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = String::with_capacity(256);
        out.push_str(&self.start_line);
        out.push_str("\r\n");
        for (name, value) in &self.headers {
            out.push_str(name);
            out.push_str(": ");
            out.push_str(value);
            out.push_str("\r\n");
        }
        out.push_str("\r\n");
        out.into_bytes()
    }

    /// `(method, target)` of a request line.
    pub fn request_line(&self) -> io::Result<(String, String)> {
        let mut parts = self.start_line.split_whitespace();
        match (parts.next(), parts.next(), parts.next()) {
            (Some(method), Some(target), Some(version)) if version.starts_with("HTTP/1.") => {
                Ok((method.to_owned(), target.to_owned()))
            }
            _ => Err(invalid(format!(
                "not an HTTP/1.x request: {}",
                self.start_line
            ))),
        }
    }

    /// The status code of a status line.
    pub fn status(&self) -> io::Result<u16> {
        let mut parts = self.start_line.split_whitespace();
        match (parts.next(), parts.next()) {
            (Some(version), Some(code)) if version.starts_with("HTTP/1.") => code
                .parse()
                .map_err(|_| invalid(format!("bad status line: {}", self.start_line))),
            _ => Err(invalid(format!(
                "not an HTTP/1.x answer: {}",
                self.start_line
            ))),
        }
    }

    /// How the body that follows this head is delimited.
    pub fn framing(&self, kind: MessageKind) -> io::Result<Framing> {
        if let MessageKind::Response { status, to_head } = kind
            && (to_head || (100..200).contains(&status) || status == 204 || status == 304)
        {
            return Ok(Framing::Empty);
        }
        if self.has_token("transfer-encoding", "chunked") {
            return Ok(Framing::Chunked);
        }
        if let Some(length) = self.header("content-length") {
            let length: u64 = length
                .parse()
                .map_err(|_| invalid(format!("bad Content-Length {length:?}")))?;
            return Ok(Framing::Length(length));
        }
        Ok(match kind {
            MessageKind::Request => Framing::Empty,
            MessageKind::Response { .. } => Framing::UntilClose,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Request,
    /// `to_head`: the answer to a HEAD request, which never has a body.
    Response {
        status: u16,
        to_head: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    Empty,
    Length(u64),
    Chunked,
    UntilClose,
}

/// Reads a whole body (de-chunked).
pub async fn read_body<R: AsyncBufRead + AsyncRead + Unpin>(
    reader: &mut R,
    framing: Framing,
) -> io::Result<Vec<u8>> {
    match framing {
        Framing::Empty => Ok(Vec::new()),
        Framing::Length(length) => {
            if length > MAX_BODY_BYTES {
                return Err(invalid(format!("body of {length} bytes is too large")));
            }
            let mut body = vec![0; usize::try_from(length).map_err(|_| invalid("too large"))?];
            reader.read_exact(&mut body).await?;
            Ok(body)
        }
        Framing::UntilClose => {
            let mut body = Vec::new();
            reader.take(MAX_BODY_BYTES).read_to_end(&mut body).await?;
            Ok(body)
        }
        Framing::Chunked => read_chunked(reader).await,
    }
}

async fn read_chunked<R: AsyncBufRead + AsyncRead + Unpin>(reader: &mut R) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await? == 0 {
            return Err(invalid("the connection closed inside a chunked body"));
        }
        let size = line.trim().split(';').next().unwrap_or_default().trim();
        let size = u64::from_str_radix(size, 16)
            .map_err(|_| invalid(format!("bad chunk size {size:?}")))?;
        if size == 0 {
            // Trailers, up to the blank line; they are dropped.
            loop {
                let mut trailer = String::new();
                if reader.read_line(&mut trailer).await? == 0 || trailer.trim().is_empty() {
                    return Ok(body);
                }
            }
        }
        if body.len() as u64 + size > MAX_BODY_BYTES {
            return Err(invalid("chunked body too large"));
        }
        let start = body.len();
        body.resize(
            start + usize::try_from(size).map_err(|_| invalid("too large"))?,
            0,
        );
        reader.read_exact(&mut body[start..]).await?;
        let mut crlf = [0_u8; 2];
        reader.read_exact(&mut crlf).await?;
        if &crlf != b"\r\n" {
            return Err(invalid("a chunk does not end with CRLF"));
        }
    }
}

/// Every occurrence of `from` in `haystack` replaced by `to`.
pub fn replace_bytes(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    if from.is_empty() {
        return haystack.to_vec();
    }
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while let Some(at) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::BufReader;

    async fn parse(raw: &[u8], kind: MessageKind) -> (Head, Vec<u8>) {
        let mut reader = BufReader::new(raw);
        let head = Head::read(&mut reader)
            .await
            .expect("readable")
            .expect("a head");
        let framing = head.framing(kind).expect("framing");
        let body = read_body(&mut reader, framing).await.expect("body");
        (head, body)
    }

    #[tokio::test]
    async fn reads_a_request_with_a_content_length() {
        let (head, body) = parse(
            b"POST /x?y=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhelloEXTRA",
            MessageKind::Request,
        )
        .await;
        assert_eq!(
            head.request_line().expect("line"),
            ("POST".into(), "/x?y=1".into())
        );
        assert_eq!(head.header("host"), Some("a"));
        assert_eq!(body, b"hello");
    }

    #[tokio::test]
    async fn reads_chunked_bodies_with_extensions_and_trailers() {
        let (_, body) = parse(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n",
            MessageKind::Response {
                status: 200,
                to_head: false,
            },
        )
        .await;
        assert_eq!(body, b"hello world");
    }

    #[tokio::test]
    async fn an_answer_without_length_runs_to_the_end_and_204_has_none() {
        let raw = b"HTTP/1.1 200 OK\r\nServer: t\r\n\r\nall of it";
        let (_, body) = parse(
            raw,
            MessageKind::Response {
                status: 200,
                to_head: false,
            },
        )
        .await;
        assert_eq!(body, b"all of it");
        let (_, body) = parse(
            b"HTTP/1.1 204 No Content\r\n\r\n",
            MessageKind::Response {
                status: 204,
                to_head: false,
            },
        )
        .await;
        assert!(body.is_empty());
    }

    #[tokio::test]
    async fn a_closed_connection_is_none_and_a_cut_head_is_an_error() {
        let mut empty = BufReader::new(&b""[..]);
        assert_eq!(Head::read(&mut empty).await.expect("ok"), None);
        let mut cut = BufReader::new(&b"GET / HTTP/1.1\r\nHost"[..]);
        assert!(Head::read(&mut cut).await.is_err());
    }

    #[test]
    fn headers_are_replaced_case_insensitively_and_serialized() {
        let mut head = Head {
            start_line: "GET / HTTP/1.1".into(),
            headers: vec![
                ("connection".into(), "keep-alive, Upgrade".into()),
                ("Host".into(), "a".into()),
            ],
        };
        assert!(head.has_token("Connection", "upgrade"));
        head.set("Connection", "close");
        assert_eq!(
            String::from_utf8(head.to_bytes()).expect("utf-8"),
            "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
        );
    }

    #[test]
    fn replaces_every_occurrence() {
        assert_eq!(
            replace_bytes(b"a http://x:1 b http://x:1", b"http://x:1", b"http://y:22"),
            b"a http://y:22 b http://y:22"
        );
        assert_eq!(replace_bytes(b"abc", b"", b"z"), b"abc");
    }
}
