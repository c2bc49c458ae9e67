//! Waking a job from another process.
//!
//! The app and `chorus daemon` each run the jobs; the CLI (or another process) changes what a
//! job works on in the same database (a schedule, a channel). Without a signal the job would
//! notice only at its next wake-up. A job therefore listens on a UDP socket on 127.0.0.1 and
//! writes its port to `<job>.wake` in the data directory (`publisher.wake` for publishing);
//! whoever changes something sends it one datagram ([`nudge`]).
//!
//! UDP on loopback works the same on every desktop OS and needs no path-length games (Unix
//! socket paths are capped at about 100 bytes). A wake-up carries no data and is harmless: the
//! job only re-reads the database, so a stray datagram costs one query. A stale port file
//! (the job's process was killed) sends into nothing, which is fine too.

use crate::{CoreError, DataDir, Result};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use tokio::net::UdpSocket;

/// Datagrams that do not start with this are ignored (a port scan, another program).
const MAGIC: &[u8] = b"chorus-wake";

fn port_file(dir: &DataDir, job: &str) -> PathBuf {
    dir.root().join(format!("{job}.wake"))
}

/// The job's end: bound for as long as the job runs; removes its port file when dropped.
pub struct WakeListener {
    socket: UdpSocket,
    file: PathBuf,
    port: u16,
}

impl WakeListener {
    /// Listens for wake-ups of `job` ("publisher", "inbox").
    pub async fn bind(dir: &DataDir, job: &str) -> Result<Self> {
        let socket = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .map_err(|e| CoreError::io(format!("cannot open the {job} job's wake-up socket"), e))?;
        let port = socket
            .local_addr()
            .map_err(|e| CoreError::io("cannot read the wake-up socket's port", e))?
            .port();
        let file = port_file(dir, job);
        // Write then rename, so a reader never sees half a number.
        let tmp = file.with_extension("wake.tmp");
        std::fs::write(&tmp, port.to_string())
            .and_then(|()| std::fs::rename(&tmp, &file))
            .map_err(|e| CoreError::io(format!("cannot write {}", file.display()), e))?;
        Ok(Self { socket, file, port })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Waits for the next wake-up datagram.
    pub async fn recv(&self) {
        let mut buf = [0u8; 32];
        loop {
            match self.socket.recv_from(&mut buf).await {
                Ok((n, _)) if buf[..n].starts_with(MAGIC) => return,
                Ok(_) => continue,
                Err(e) => {
                    // ICMP "port unreachable" echoes and the like: not a wake-up, keep waiting.
                    tracing::debug!("wake-up socket: {e}");
                    tokio::task::yield_now().await;
                }
            }
        }
    }
}

impl Drop for WakeListener {
    fn drop(&mut self) {
        // Only our own file: a newer engine may have replaced it since.
        if std::fs::read_to_string(&self.file).ok().as_deref() == Some(&self.port.to_string()) {
            let _ = std::fs::remove_file(&self.file);
        }
    }
}

/// Tells `job` running from `dir` (in whatever process) to look at its work now. Best effort:
/// with no such job running there is nobody to tell, and that is not an error.
pub fn nudge(dir: &DataDir, job: &str) {
    let Ok(text) = std::fs::read_to_string(port_file(dir, job)) else {
        return;
    };
    let Ok(port) = text.trim().parse::<u16>() else {
        tracing::warn!("ignoring a damaged {job}.wake: {text:?}");
        return;
    };
    let sent = std::net::UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|s| s.send_to(MAGIC, SocketAddr::from((Ipv4Addr::LOCALHOST, port))));
    if let Err(e) = sent {
        tracing::debug!("could not wake the {job} job on port {port}: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn a_nudge_reaches_the_listener_and_the_port_file_goes_with_it() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = DataDir::at(tmp.path()).expect("dir");
        let listener = WakeListener::bind(&dir, "publisher").await.expect("bind");
        assert_eq!(
            std::fs::read_to_string(port_file(&dir, "publisher")).expect("port file"),
            listener.port().to_string()
        );
        nudge(&dir, "publisher");
        tokio::time::timeout(Duration::from_secs(10), listener.recv())
            .await
            .expect("the datagram arrives");
        drop(listener);
        assert!(!port_file(&dir, "publisher").exists());
        // Nobody listening any more: a nudge is quietly nothing.
        nudge(&dir, "publisher");
    }

    #[tokio::test]
    async fn stray_datagrams_do_not_count_as_a_wake_up() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = DataDir::at(tmp.path()).expect("dir");
        let listener = WakeListener::bind(&dir, "publisher").await.expect("bind");
        let other = std::net::UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
        other
            .send_to(b"GET / HTTP/1.0", (Ipv4Addr::LOCALHOST, listener.port()))
            .expect("send");
        assert!(
            tokio::time::timeout(Duration::from_millis(300), listener.recv())
                .await
                .is_err(),
            "a datagram without the magic is ignored"
        );
    }
}
