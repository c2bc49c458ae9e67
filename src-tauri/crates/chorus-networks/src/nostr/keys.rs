//! The account's key pair. On Nostr the secret key is the whole credential: there is no server
//! account to log in to, so importing, generating and showing keys lives here.

use std::fmt;

use nostr::prelude::{FromBech32, Keys, PublicKey, SecretKey, ToBech32};

use crate::NetworkError;

/// A secret key and its public key. `Debug` shows only the public half.
#[derive(Clone)]
pub struct NostrKeys {
    keys: Keys,
}

impl NostrKeys {
    /// Imports an `nsec1…` (NIP-19) or a 64-character hex secret key.
    ///
    /// A key that does not parse is an [`NetworkError::Auth`] problem: it is the credential,
    /// and the channel needs the user to enter it again. The message never echoes the input.
    pub fn parse(secret: &str) -> Result<Self, NetworkError> {
        let secret = secret.trim();
        let parsed = if secret.starts_with("nsec1") {
            SecretKey::from_bech32(secret).ok()
        } else if secret.len() == 64 && secret.bytes().all(|b| b.is_ascii_hexdigit()) {
            SecretKey::from_hex(secret).ok()
        } else {
            None
        };
        match parsed {
            Some(secret_key) => Ok(Self {
                keys: Keys::new(secret_key),
            }),
            None => Err(NetworkError::Auth {
                message: invalid_key_message(secret).to_owned(),
            }),
        }
    }

    /// A fresh random key pair, from the operating system's random source.
    pub fn generate() -> Self {
        Self {
            keys: Keys::generate(),
        }
    }

    pub fn public_key(&self) -> PublicKey {
        self.keys.public_key()
    }

    /// The public key as 64 hex characters: what relays filter on.
    pub fn public_key_hex(&self) -> String {
        self.keys.public_key().to_hex()
    }

    /// The public key as people share it.
    pub fn npub(&self) -> String {
        npub(&self.keys.public_key())
    }

    /// The secret key in its shareable form, for the one place that needs it: handing a newly
    /// generated key to the secret store (and to the user, to back it up).
    pub fn nsec(&self) -> String {
        match self.keys.secret_key().to_bech32() {
            Ok(nsec) => nsec,
            Err(never) => match never {},
        }
    }

    pub(crate) fn keys(&self) -> &Keys {
        &self.keys
    }
}

impl fmt::Debug for NostrKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NostrKeys")
            .field("npub", &self.npub())
            .field("secret_key", &"<redacted>")
            .finish()
    }
}

pub(crate) fn npub(public_key: &PublicKey) -> String {
    match public_key.to_bech32() {
        Ok(npub) => npub,
        Err(never) => match never {},
    }
}

/// `npub1abcd…wxyz`: a name to show when the account has no profile.
pub(crate) fn short_npub(public_key: &PublicKey) -> String {
    let full = npub(public_key);
    match (full.get(..9), full.get(full.len().saturating_sub(4)..)) {
        (Some(head), Some(tail)) if full.len() > 13 => format!("{head}…{tail}"),
        _ => full,
    }
}

fn invalid_key_message(input: &str) -> &'static str {
    if input.starts_with("npub1") {
        "that is a public key (npub1…); Chorus needs the secret key (nsec1…) to sign notes"
    } else if input.starts_with("nsec1") {
        "the nsec1… secret key is damaged (its checksum does not match); copy it again"
    } else if input.starts_with("ncryptsec1") {
        "password-encrypted keys (ncryptsec1…, NIP-49) are not supported; export the plain nsec1… key"
    } else {
        "the secret key must be an nsec1… key (NIP-19) or 64 hex characters"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // NIP-19's own test vector.
    const NSEC: &str = "nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5";
    const HEX: &str = "67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa";

    #[test]
    fn nsec_and_hex_give_the_same_key() {
        let a = NostrKeys::parse(NSEC).expect("nsec");
        let b = NostrKeys::parse(&format!("  {HEX}\n")).expect("hex");
        assert_eq!(a.public_key(), b.public_key());
        assert_eq!(a.nsec(), NSEC);
        assert!(a.npub().starts_with("npub1"));
        assert_eq!(a.public_key_hex().len(), 64);
    }

    #[test]
    fn bad_keys_are_auth_errors_that_do_not_echo_the_input() {
        for input in [
            "",
            "hello",
            &HEX[..63],
            "nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe6",
        ] {
            let err = NostrKeys::parse(input).expect_err(input);
            assert_eq!(err.code(), "auth");
            if !input.is_empty() {
                assert!(!err.to_string().contains(input), "{err}");
            }
        }
        let npub = NostrKeys::generate().npub();
        let err = NostrKeys::parse(&npub).expect_err("npub");
        assert!(err.to_string().contains("public key"), "{err}");
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let keys = NostrKeys::parse(HEX).expect("hex");
        let shown = format!("{keys:?}");
        assert!(!shown.contains(HEX) && !shown.contains(NSEC), "{shown}");
        assert!(shown.contains("redacted"));
    }

    #[test]
    fn generated_keys_differ_and_round_trip() {
        let a = NostrKeys::generate();
        let b = NostrKeys::generate();
        assert_ne!(a.public_key(), b.public_key());
        let again = NostrKeys::parse(&a.nsec()).expect("own nsec");
        assert_eq!(again.public_key(), a.public_key());
    }

    #[test]
    fn short_npub_keeps_both_ends() {
        let keys = NostrKeys::generate();
        let short = short_npub(&keys.public_key());
        let full = keys.npub();
        assert!(short.starts_with(&full[..9]) && short.ends_with(&full[full.len() - 4..]));
        assert!(short.chars().count() < full.len());
    }
}
