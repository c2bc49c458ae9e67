//! A fault-injecting proxy on 127.0.0.1 in front of one upstream (`http://` or `ws://`).
//!
//! Each HTTP request (or each websocket connection, decided at its upgrade request) gets a
//! [`Fault`]: the first queued one whose [`Match`] fits, else the rule's answer, else
//! [`Fault::Pass`]. One request per connection: the proxy forces `Connection: close` both ways,
//! so a client never reuses a connection that a fault has broken, and every request is seen.
//!
//! The case that matters most is [`Fault::ResetAfterForward`]: the upstream has received (and
//! answered) the request, so a write happened, but the client only sees its connection reset.

use std::collections::{HashMap, VecDeque};
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

use crate::http1::{self, Head, MessageKind};

/// What the proxy does with one request (or one websocket connection).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Forward it and relay the answer.
    Pass,
    /// Answer by itself, never forwarding.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Accept and read the request, then never answer (until the client gives up).
    Hang,
    /// Reset the connection after reading the request, without forwarding it.
    ResetBeforeForward,
    /// Forward the request and wait for the upstream's answer, then reset the client's
    /// connection instead of relaying it: the request took effect, the client cannot know.
    /// On a websocket: the upgrade and the client's messages pass, and the connection is reset
    /// when the upstream sends its first message.
    ResetAfterForward,
    /// Forward, and hold the upstream's answer this long before relaying it (on a websocket:
    /// before its first message after the upgrade).
    Delay(Duration),
}

impl Fault {
    /// An error answer with `body` (JSON when it looks like JSON, else plain text).
    pub fn status(status: u16, body: impl Into<String>) -> Self {
        let body = body.into();
        let content_type = if body.trim_start().starts_with('{') {
            "application/json"
        } else {
            "text/plain; charset=utf-8"
        };
        Self::Respond {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }

    /// `429 Too Many Requests` with `Retry-After: seconds`.
    pub fn too_many_requests(retry_after_secs: u64, body: impl Into<String>) -> Self {
        match Self::status(429, body) {
            Self::Respond {
                status,
                mut headers,
                body,
            } => {
                headers.push(("Retry-After".into(), retry_after_secs.to_string()));
                Self::Respond {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }

    /// A short name for logs and [`Seen`].
    pub fn name(&self) -> String {
        match self {
            Self::Pass => "pass".into(),
            Self::Respond { status, .. } => format!("respond {status}"),
            Self::Hang => "hang".into(),
            Self::ResetBeforeForward => "reset before forwarding".into(),
            Self::ResetAfterForward => "reset after forwarding".into(),
            Self::Delay(by) => format!("delay {} ms", by.as_millis()),
        }
    }
}

/// Which requests a queued fault is for. Paths are compared without the query string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Match {
    pub method: Option<String>,
    pub path: Option<String>,
}

impl Match {
    pub fn any() -> Self {
        Self::default()
    }

    pub fn path(path: impl Into<String>) -> Self {
        Self {
            method: None,
            path: Some(path.into()),
        }
    }

    pub fn post(path: impl Into<String>) -> Self {
        Self {
            method: Some("POST".into()),
            path: Some(path.into()),
        }
    }

    pub fn get(path: impl Into<String>) -> Self {
        Self {
            method: Some("GET".into()),
            path: Some(path.into()),
        }
    }

    pub fn matches(&self, request: &Request) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(&request.method))
            && self.path.as_deref().is_none_or(|p| p == request.path)
    }
}

/// What a rule sees of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// Without the query string.
    pub path: String,
    pub query: Option<String>,
    /// A websocket upgrade: the fault applies to the whole connection.
    pub websocket: bool,
    /// How many requests with this method and path came before this one.
    pub earlier: usize,
}

/// One request the proxy handled, and what it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub websocket: bool,
    pub fault: String,
}

type Rule = Arc<dyn Fn(&Request) -> Option<Fault> + Send + Sync>;

#[derive(Default)]
struct State {
    queue: VecDeque<(Match, Fault)>,
    rule: Option<Rule>,
    rewrites: Vec<(String, String)>,
    seen: Vec<Seen>,
    per_path: HashMap<(String, String), usize>,
}

struct Shared {
    upstream: Upstream,
    state: Mutex<State>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Picks the fault for `request` and records it.
    fn decide(&self, method: &str, target: &str, websocket: bool) -> Fault {
        let (path, query) = match target.split_once('?') {
            Some((path, query)) => (path.to_owned(), Some(query.to_owned())),
            None => (target.to_owned(), None),
        };
        let mut state = self.state();
        let counter = state
            .per_path
            .entry((method.to_ascii_uppercase(), path.clone()))
            .or_insert(0);
        let request = Request {
            method: method.to_ascii_uppercase(),
            path,
            query,
            websocket,
            earlier: *counter,
        };
        *counter += 1;
        let queued = state
            .queue
            .iter()
            .position(|(m, _)| m.matches(&request))
            .and_then(|at| state.queue.remove(at))
            .map(|(_, fault)| fault);
        let fault = match queued {
            Some(fault) => fault,
            None => {
                let rule = state.rule.clone();
                // The rule runs without the lock, so it may call back into the proxy.
                drop(state);
                let fault = rule.and_then(|r| r(&request)).unwrap_or(Fault::Pass);
                state = self.state();
                fault
            }
        };
        state.seen.push(Seen {
            method: request.method,
            path: request.path,
            websocket,
            fault: fault.name(),
        });
        fault
    }
}

#[derive(Debug, Clone)]
struct Upstream {
    /// Where to connect (always a loopback address).
    addr: SocketAddr,
    /// `host:port` as the upstream knows itself, for the Host header.
    authority: String,
    websocket: bool,
}

impl Upstream {
    fn parse(raw: &str) -> io::Result<Self> {
        let url = url::Url::parse(raw)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, format!("{raw:?}: {e}")))?;
        let websocket = match url.scheme() {
            "http" => false,
            "ws" => true,
            other => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{raw}: only http:// and ws:// upstreams (not {other}://)"),
                ));
            }
        };
        let host = url.host_str().unwrap_or_default().to_owned();
        let port = url.port_or_known_default().unwrap_or(80);
        // Test servers live on this machine only: "localhost" means 127.0.0.1 here.
        let ip = match host.as_str() {
            "localhost" => Ipv4Addr::LOCALHOST,
            other => other.parse::<Ipv4Addr>().map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("{raw}: the upstream must be localhost or a 127.x address"),
                )
            })?,
        };
        if !ip.is_loopback() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{raw}: the upstream must be on the loopback interface"),
            ));
        }
        Ok(Self {
            addr: SocketAddr::from((ip, port)),
            authority: format!("{host}:{port}"),
            websocket,
        })
    }
}

/// The running proxy; stops (dropping every connection) when dropped.
pub struct FaultProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: JoinHandle<()>,
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

impl FaultProxy {
    /// Listens on 127.0.0.1 (a port the OS picks) in front of `upstream`
    /// (e.g. `http://localhost:2583` or `ws://127.0.0.1:7447`). Needs a tokio runtime.
    pub async fn start(upstream: &str) -> io::Result<Self> {
        let upstream = Upstream::parse(upstream)?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            upstream,
            state: Mutex::new(State::default()),
        });
        let accept = tokio::spawn(accept_loop(listener, shared.clone()));
        Ok(Self {
            addr,
            shared,
            accept,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (or `ws://…` in front of a websocket server).
    pub fn url(&self) -> String {
        let scheme = if self.shared.upstream.websocket {
            "ws"
        } else {
            "http"
        };
        format!("{scheme}://{}", self.addr)
    }

    /// Queues `fault` for the next request that `matches` (queued faults are used once each,
    /// in order).
    pub fn enqueue(&self, matches: Match, fault: Fault) {
        self.shared.state().queue.push_back((matches, fault));
    }

    /// Decides for every request the queue does not: `None` passes it through.
    pub fn set_rule(&self, rule: impl Fn(&Request) -> Option<Fault> + Send + Sync + 'static) {
        self.shared.state().rule = Some(Arc::new(rule));
    }

    /// Drops the queue and the rule: everything passes from now on.
    pub fn clear(&self) {
        let mut state = self.shared.state();
        state.queue.clear();
        state.rule = None;
    }

    /// Queued faults not used yet.
    pub fn pending(&self) -> usize {
        self.shared.state().queue.len()
    }

    /// Replaces `from` with `to` in every answer's body and `Location` header, as a reverse
    /// proxy does with the upstream's own address (e.g. the PDS URL inside a DID document, so
    /// that the client keeps talking through the proxy).
    pub fn rewrite_answers(&self, from: &str, to: &str) {
        self.shared
            .state()
            .rewrites
            .push((from.to_owned(), to.to_owned()));
    }

    /// Requests seen with this path (any method), whatever was done with them.
    pub fn count(&self, path: &str) -> usize {
        self.shared
            .state()
            .seen
            .iter()
            .filter(|s| s.path == path)
            .count()
    }

    /// Requests seen with this method and path.
    pub fn count_method(&self, method: &str, path: &str) -> usize {
        self.shared
            .state()
            .seen
            .iter()
            .filter(|s| s.path == path && s.method.eq_ignore_ascii_case(method))
            .count()
    }

    /// Every request so far, in arrival order.
    pub fn seen(&self) -> Vec<Seen> {
        self.shared.state().seen.clone()
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    // Owned here, so aborting this task (dropping the proxy) aborts every connection too.
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let shared = shared.clone();
                    connections.spawn(async move {
                        // A broken connection is what faults are made of; nothing to report.
                        let _ = handle(stream, shared).await;
                    });
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// Closes with RST instead of FIN: the peer reads "connection reset".
fn reset(stream: TcpStream) {
    let _ = stream.set_zero_linger();
    drop(stream);
}

/// Reads until the peer closes (or errors): what a server that never answers sees.
async fn wait_for_close(stream: &mut BufReader<TcpStream>) {
    let mut sink = [0_u8; 4096];
    while let Ok(n) = stream.read(&mut sink).await {
        if n == 0 {
            break;
        }
    }
}

async fn handle(client: TcpStream, shared: Arc<Shared>) -> io::Result<()> {
    let _ = client.set_nodelay(true);
    let mut client = BufReader::new(client);
    let Some(mut head) = Head::read(&mut client).await? else {
        return Ok(());
    };
    let (method, target) = head.request_line()?;
    let websocket = head.has_token("upgrade", "websocket");
    let framing = head.framing(MessageKind::Request)?;
    let body = http1::read_body(&mut client, framing).await?;
    let fault = shared.decide(&method, &target, websocket);

    match &fault {
        Fault::Respond {
            status,
            headers,
            body,
        } => {
            let mut answer = Head {
                start_line: format!("HTTP/1.1 {status} {}", reason(*status)),
                headers: headers.clone(),
            };
            answer.set("Content-Length", body.len().to_string());
            answer.set("Connection", "close");
            let mut bytes = answer.to_bytes();
            bytes.extend_from_slice(body.as_bytes());
            client.get_mut().write_all(&bytes).await?;
            client.get_mut().shutdown().await?;
            return Ok(());
        }
        Fault::Hang => {
            wait_for_close(&mut client).await;
            return Ok(());
        }
        Fault::ResetBeforeForward => {
            reset(client.into_inner());
            return Ok(());
        }
        Fault::Pass | Fault::ResetAfterForward | Fault::Delay(_) => {}
    }

    head.set("Host", shared.upstream.authority.clone());
    head.remove("Keep-Alive");
    head.remove("Proxy-Connection");
    if websocket {
        return forward_websocket(client, head, &shared, &fault).await;
    }
    let rewrites = shared.state().rewrites.clone();
    if !rewrites.is_empty() {
        // Bodies must arrive as they are to be rewritten.
        head.remove("Accept-Encoding");
    }
    head.set("Connection", "close");
    head.remove("Transfer-Encoding");
    if body.is_empty() && framing == http1::Framing::Empty {
        head.remove("Content-Length");
    } else {
        head.set("Content-Length", body.len().to_string());
    }

    let mut upstream = BufReader::new(TcpStream::connect(shared.upstream.addr).await?);
    let mut request = head.to_bytes();
    request.extend_from_slice(&body);
    upstream.get_mut().write_all(&request).await?;
    let answer = read_answer(&mut upstream, &method, &rewrites).await;

    match fault {
        Fault::ResetAfterForward => {
            reset(client.into_inner());
            return Ok(());
        }
        Fault::Delay(by) => tokio::time::sleep(by).await,
        _ => {}
    }
    match answer {
        Ok(bytes) => {
            client.get_mut().write_all(&bytes).await?;
            client.get_mut().shutdown().await?;
        }
        // The upstream broke: so does the client's connection.
        Err(_) => reset(client.into_inner()),
    }
    Ok(())
}

/// The upstream's whole answer, re-framed with a Content-Length and rewritten.
async fn read_answer(
    upstream: &mut BufReader<TcpStream>,
    method: &str,
    rewrites: &[(String, String)],
) -> io::Result<Vec<u8>> {
    let mut head = Head::read(upstream).await?.ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the upstream closed without answering",
        )
    })?;
    let mut status = head.status()?;
    // Interim answers (100 Continue) are not relayed: the request was sent whole already.
    while (100..200).contains(&status) && status != 101 {
        head = Head::read(upstream)
            .await?
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "no final answer"))?;
        status = head.status()?;
    }
    let framing = head.framing(MessageKind::Response {
        status,
        to_head: method.eq_ignore_ascii_case("HEAD"),
    })?;
    let mut body = http1::read_body(upstream, framing).await?;
    for (from, to) in rewrites {
        body = http1::replace_bytes(&body, from.as_bytes(), to.as_bytes());
        if let Some(location) = head.header("location").map(str::to_owned) {
            head.set("Location", location.replace(from.as_str(), to));
        }
    }
    head.remove("Transfer-Encoding");
    head.set("Connection", "close");
    if framing != http1::Framing::Empty {
        head.set("Content-Length", body.len().to_string());
    }
    let mut bytes = head.to_bytes();
    bytes.extend_from_slice(&body);
    Ok(bytes)
}

async fn forward_websocket(
    mut client: BufReader<TcpStream>,
    head: Head,
    shared: &Shared,
    fault: &Fault,
) -> io::Result<()> {
    let mut upstream = BufReader::new(TcpStream::connect(shared.upstream.addr).await?);
    upstream.get_mut().write_all(&head.to_bytes()).await?;
    let Some(answer) = Head::read(&mut upstream).await? else {
        reset(client.into_inner());
        return Ok(());
    };
    if answer.status()? != 101 {
        // A refused upgrade is an ordinary answer: relay it and stop.
        let framing = answer.framing(MessageKind::Response {
            status: answer.status()?,
            to_head: false,
        })?;
        let body = http1::read_body(&mut upstream, framing).await?;
        let mut bytes = answer.to_bytes();
        bytes.extend_from_slice(&body);
        client.get_mut().write_all(&bytes).await?;
        client.get_mut().shutdown().await?;
        return Ok(());
    }
    client.get_mut().write_all(&answer.to_bytes()).await?;

    // Whatever either side had buffered beyond the heads comes first.
    let client_early = client.buffer().to_vec();
    let upstream_early = upstream.buffer().to_vec();
    let mut client = client.into_inner();
    let mut upstream = upstream.into_inner();
    if !client_early.is_empty() {
        upstream.write_all(&client_early).await?;
    }
    let reset_client = {
        let (mut client_read, mut client_write) = client.split();
        let (mut upstream_read, mut upstream_write) = upstream.split();
        let to_upstream = async {
            let _ = tokio::io::copy(&mut client_read, &mut upstream_write).await;
            let _ = upstream_write.shutdown().await;
        };
        // True when the client's connection is to be reset.
        let to_client = async {
            let mut first = upstream_early;
            if first.is_empty() {
                let mut buf = vec![0_u8; 16 * 1024];
                let n = upstream_read.read(&mut buf).await.unwrap_or(0);
                if n == 0 {
                    let _ = client_write.shutdown().await;
                    return false;
                }
                buf.truncate(n);
                first = buf;
            }
            match fault {
                // The upstream has answered what the client sent: lose that answer.
                Fault::ResetAfterForward => return true,
                Fault::Delay(by) => tokio::time::sleep(*by).await,
                _ => {}
            }
            if client_write.write_all(&first).await.is_err() {
                return false;
            }
            let _ = tokio::io::copy(&mut upstream_read, &mut client_write).await;
            let _ = client_write.shutdown().await;
            false
        };
        tokio::pin!(to_upstream);
        tokio::pin!(to_client);
        // A reset ends both directions; otherwise both run to their end.
        tokio::select! {
            reset_now = &mut to_client => {
                if !reset_now {
                    to_upstream.await;
                }
                reset_now
            }
            () = &mut to_upstream => to_client.await,
        }
    };
    if reset_client {
        reset(client);
    }
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}
