//! One websocket session with one relay: send an event and wait for its `OK`, or run one
//! `REQ` until `EOSE`. Each step has its own deadline, so a silent relay costs at most the
//! timeout and never blocks the other relays (see `pool`).
//!
//! A session per operation, no pooling: Chorus publishes a handful of notes at a time, and a
//! fresh connection keeps the state machine trivial.

use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use nostr::prelude::{ClientMessage, Event, Filter, RelayMessage, SubscriptionId};
use tokio::net::TcpStream;
use tokio::time::{Instant, timeout, timeout_at};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::{Connector, MaybeTlsStream, WebSocketStream};

/// Events are at most a few hundred KiB on any relay we know; anything far larger is a
/// misbehaving relay, not data we want in memory.
const MAX_MESSAGE_BYTES: usize = 4 << 20;

/// What a relay said about one `EVENT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sent {
    /// `OK true` (including `duplicate:`: it already had the event).
    Accepted { message: String },
    /// `OK false` with the relay's reason (`blocked: …`, `rate-limited: …`, …).
    Refused { message: String },
    /// Never connected: the relay cannot have the event from us.
    Unreachable { reason: String },
    /// The event may have reached the relay, but no `OK` came back.
    NoAnswer { reason: String },
}

/// What a relay answered to one `REQ`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Queried {
    /// Every stored match, then `EOSE`.
    Complete(Vec<Event>),
    /// Some events perhaps, but no `EOSE` (timeout, `CLOSED`, dropped connection).
    Partial {
        events: Vec<Event>,
        reason: String,
    },
    Unreachable {
        reason: String,
    },
}

pub(crate) struct Session {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
    timeout: Duration,
}

impl Session {
    pub(crate) async fn connect(
        url: &url::Url,
        tls: Option<Arc<rustls::ClientConfig>>,
        limit: Duration,
    ) -> Result<Self, String> {
        let connector = match tls {
            Some(config) if url.scheme() == "wss" => Connector::Rustls(config),
            _ => Connector::Plain,
        };
        let config = WebSocketConfig::default()
            .max_message_size(Some(MAX_MESSAGE_BYTES))
            .max_frame_size(Some(MAX_MESSAGE_BYTES));
        let connecting = tokio_tungstenite::connect_async_tls_with_config(
            url.as_str(),
            Some(config),
            true,
            Some(connector),
        );
        match timeout(limit, connecting).await {
            Ok(Ok((ws, _response))) => Ok(Self { ws, timeout: limit }),
            Ok(Err(e)) => Err(format!("could not connect: {e}")),
            Err(_) => Err(format!("no connection within {} s", limit.as_secs_f32())),
        }
    }

    pub(crate) async fn send_event(&mut self, event: &Event) -> Sent {
        let message = ClientMessage::event(event.clone()).as_json();
        if let Err(e) = self.ws.send(Message::text(message)).await {
            // The frame may have been partly written: the relay might still store it.
            return Sent::NoAnswer {
                reason: format!("sending failed: {e}"),
            };
        }
        let deadline = Instant::now() + self.timeout;
        loop {
            let reply = match self.next_message(deadline).await {
                Ok(reply) => reply,
                Err(reason) => return Sent::NoAnswer { reason },
            };
            match reply {
                RelayMessage::Ok {
                    event_id,
                    status,
                    message,
                } if event_id == event.id => {
                    let message = message.into_owned();
                    // Some relays say `false` for a duplicate; it is stored all the same.
                    return if status || message.starts_with("duplicate:") {
                        Sent::Accepted { message }
                    } else {
                        Sent::Refused { message }
                    };
                }
                other => log_unexpected(&other),
            }
        }
    }

    pub(crate) async fn query(&mut self, filters: Vec<Filter>) -> Queried {
        let sub = SubscriptionId::new("chorus");
        let req = ClientMessage::req(sub.clone(), filters).as_json();
        if let Err(e) = self.ws.send(Message::text(req)).await {
            return Queried::Unreachable {
                reason: format!("sending the query failed: {e}"),
            };
        }
        let deadline = Instant::now() + self.timeout;
        let mut events = Vec::new();
        loop {
            let reply = match self.next_message(deadline).await {
                Ok(reply) => reply,
                Err(reason) => return Queried::Partial { events, reason },
            };
            match reply {
                RelayMessage::Event {
                    subscription_id,
                    event,
                } if *subscription_id == sub => events.push(event.into_owned()),
                RelayMessage::EndOfStoredEvents(id) if *id == sub => {
                    let close = ClientMessage::close(sub).as_json();
                    // Politeness only: the connection is dropped right after.
                    let _ =
                        timeout(Duration::from_secs(1), self.ws.send(Message::text(close))).await;
                    return Queried::Complete(events);
                }
                RelayMessage::Closed {
                    subscription_id,
                    message,
                } if *subscription_id == sub => {
                    return Queried::Partial {
                        events,
                        reason: format!("the relay closed the query: {message}"),
                    };
                }
                other => log_unexpected(&other),
            }
        }
    }

    /// Sends a close frame without waiting long for the relay's answer.
    pub(crate) async fn close(mut self) {
        let _ = timeout(Duration::from_secs(1), self.ws.close(None)).await;
    }

    /// The next relay message that parses; pings, pongs and unknown messages are skipped.
    async fn next_message(&mut self, deadline: Instant) -> Result<RelayMessage<'static>, String> {
        loop {
            let frame = match timeout_at(deadline, self.ws.next()).await {
                Err(_) => {
                    return Err(format!("no answer within {} s", self.timeout.as_secs_f32()));
                }
                Ok(None) => return Err("the relay closed the connection".into()),
                Ok(Some(Err(e))) => return Err(format!("connection error: {e}")),
                Ok(Some(Ok(frame))) => frame,
            };
            match frame {
                Message::Text(text) => match RelayMessage::from_json(text.as_str()) {
                    Ok(message) => return Ok(message),
                    Err(e) => tracing::debug!(error = %e, "ignoring an unreadable relay message"),
                },
                Message::Close(frame) => {
                    let why = frame.map(|f| f.reason.to_string()).unwrap_or_default();
                    return Err(format!("the relay closed the connection {why}")
                        .trim_end()
                        .to_owned());
                }
                _ => {}
            }
        }
    }
}

fn log_unexpected(message: &RelayMessage<'_>) {
    match message {
        RelayMessage::Notice(notice) => tracing::info!(%notice, "relay notice"),
        // NIP-42 auth is not supported: a relay that insists answers `auth-required:`,
        // which then surfaces as its refusal.
        RelayMessage::Auth { .. } => tracing::debug!("relay asked for NIP-42 auth"),
        other => tracing::debug!(message = ?other, "ignoring relay message"),
    }
}
