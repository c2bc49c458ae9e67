//! A scripted stand-in for a PDS, for testing session handling without a network. Each request
//! is answered by a closure; every connection is closed after one answer.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use url::Url;

#[derive(Debug, Clone)]
pub struct Request {
    /// e.g. "com.atproto.server.createSession"
    pub nsid: String,
    pub authorization: Option<String>,
    pub body: serde_json::Value,
}

pub type Handler = dyn Fn(&Request) -> (u16, serde_json::Value) + Send + Sync;

pub struct FakePds {
    pub url: Url,
    pub log: Arc<Mutex<Vec<Request>>>,
}

impl FakePds {
    pub async fn start(handler: Arc<Handler>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("should succeed");
        let url = Url::parse(&format!(
            "http://{}/",
            listener.local_addr().expect("should succeed")
        ))
        .expect("should succeed");
        let log = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&log);
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let handler = Arc::clone(&handler);
                let seen = Arc::clone(&seen);
                tokio::spawn(async move {
                    let Some(request) = read_request(&mut socket).await else {
                        return;
                    };
                    seen.lock().expect("should succeed").push(request.clone());
                    let (status, body) = handler(&request);
                    let body = body.to_string();
                    let head = format!(
                        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                        body.len()
                    );
                    socket.write_all(head.as_bytes()).await.ok();
                    socket.write_all(body.as_bytes()).await.ok();
                    socket.shutdown().await.ok();
                });
            }
        });
        Self { url, log }
    }

    pub fn calls(&self) -> Vec<String> {
        self.log
            .lock()
            .expect("should succeed")
            .iter()
            .map(|r| r.nsid.clone())
            .collect()
    }
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Request> {
    let mut data = Vec::new();
    let mut buf = [0_u8; 4096];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = socket.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_string();
    let header = |name: &str| {
        head.lines().find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    };
    let length: usize = header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = socket.read(&mut buf).await.ok()?;
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
    }
    let path = head.split_whitespace().nth(1)?.to_owned();
    let nsid = path.split('?').next()?.rsplit('/').next()?.to_owned();
    Some(Request {
        nsid,
        authorization: header("authorization"),
        body: serde_json::from_slice(&data[head_end..]).unwrap_or(serde_json::Value::Null),
    })
}
