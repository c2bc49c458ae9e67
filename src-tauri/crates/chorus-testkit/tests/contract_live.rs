//! Every network adapter against its local test server, through the same contract
//! (`chorus_testkit::contract`). A new network adds its server there and one line here.
//! Started by `make test-networks`.

use chorus_testkit::contract::{self, servers};

macro_rules! contract_test {
    ($test:ident, $server:expr) => {
        #[tokio::test]
        #[ignore = "needs the local test servers: make test-networks"]
        async fn $test() {
            contract::check(&$server).await;
        }
    };
}

contract_test!(
    atproto_reference_pds_keeps_the_adapter_contract,
    servers::AtprotoReference
);
contract_test!(
    mastodon_mock_keeps_the_adapter_contract,
    servers::MastodonMock
);
contract_test!(
    nostr_rs_relay_keeps_the_adapter_contract,
    servers::NostrRelay
);
