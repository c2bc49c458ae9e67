//! The OS keychain for real: GNOME Keyring through the Secret Service D-Bus API.
//! Run by `make test-keyring`, which starts a private D-Bus session and an unlocked keyring.

use chorus_core::secrets::{KeyringSecretStore, SecretStore};

#[test]
#[ignore = "needs an unlocked gnome-keyring on a D-Bus session: make test-keyring"]
fn gnome_keyring_stores_reads_and_deletes_a_channel_secret() {
    let store = KeyringSecretStore;
    let name = format!("chorus-test-{}", std::process::id());
    assert_eq!(store.get(&name).expect("lookup works"), None);
    store
        .set(&name, "app-password-1234")
        .expect("stored in the keyring");
    assert_eq!(
        store.get(&name).expect("read").as_deref(),
        Some("app-password-1234")
    );
    store.set(&name, "rotated").expect("replaced");
    assert_eq!(store.get(&name).expect("read").as_deref(), Some("rotated"));
    store.delete(&name).expect("deleted");
    assert_eq!(store.get(&name).expect("read"), None);
}
