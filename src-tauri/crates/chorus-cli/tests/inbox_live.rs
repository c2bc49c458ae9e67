//! `chorus inbox` against a real `nostr-rs-relay` (started by `make test-networks`): a mention
//! posted by someone else shows up once in `inbox list --unread --json` after `inbox sync`,
//! stays once after syncing again in a new process, and `inbox reply` / `inbox done` work on it.

mod support;

use chorus_testkit::servers;
use serde_json::Value;
use support::{Chorus, inbox_items as items};

#[test]
#[ignore = "needs the local test servers: make test-networks"]
fn inbox_sync_list_reply_and_done_from_the_command_line_on_nostr_rs_relay() {
    let relay = servers::nostr_relay_url();
    let tmp = tempfile::tempdir().expect("tempdir");
    let chorus = Chorus::at(tmp.path());
    let our_hex = support::nostr_workspace(&chorus, "Inbox");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mention = runtime.block_on(servers::nostr_mention(
        &relay,
        &our_hex,
        "Do you deliver on Saturdays?",
    ));

    let synced = chorus.json(&["inbox", "sync"]);
    assert_eq!(synced[0]["error"], Value::Null, "{synced}");
    let unread = items(&chorus.json(&["inbox", "list", "--unread"]));
    assert_eq!(unread.len(), 1, "{unread:?}");
    assert_eq!(unread[0]["remoteId"], mention.as_str());
    assert_eq!(unread[0]["text"], "Do you deliver on Saturdays?");

    // Another process, another sync: nothing new, still one item.
    let again = chorus.json(&["inbox", "sync"]);
    assert_eq!(again[0]["newItems"].as_array().map(Vec::len), Some(0));
    assert_eq!(items(&chorus.json(&["inbox", "list"])).len(), 1);
    assert_eq!(chorus.json(&["inbox", "unread"])["unread"], 1);

    let id = unread[0]["id"].as_i64().expect("id").to_string();
    let reply = chorus.json(&["inbox", "reply", &id, "--text", "Yes, until noon."]);
    assert_eq!(reply["status"], "sent", "{reply}");
    let reply_id = reply["remoteId"].as_str().expect("reply id").to_owned();
    let notes = runtime.block_on(servers::nostr_notes(&relay, &our_hex));
    let note = notes
        .iter()
        .find(|n| n["id"] == reply_id.as_str())
        .expect("the reply is on the relay");
    assert_eq!(
        servers::nostr_parent(note).as_deref(),
        Some(mention.as_str())
    );

    let done = chorus.json(&["inbox", "done", &id]);
    assert_eq!(done["done"], true);
    assert_eq!(done["read"], true, "replying marked it read");
    assert!(items(&chorus.json(&["inbox", "list", "--unread"])).is_empty());
    assert_eq!(chorus.json(&["inbox", "unread"])["unread"], 0);
}
