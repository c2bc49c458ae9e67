#!/usr/bin/env bash
# Mention -> OS notification in the real app: a Mastodon channel on mastodon-mock (a MOCK of
# the Mastodon API, its streaming API included), another account mentions us, and the time
# until dunst (the notification server, on a private D-Bus) has shown it is printed. Prints
# figures, asserts nothing about time. Run inside with-servers.sh, Xvfb and dbus-run-session,
# with CHORUS_APP_BIN and CHORUS_CLI_BIN set (make bench does).
set -euo pipefail
B=http://127.0.0.1:3000
tok() {
  app=$(curl -s -X POST $B/api/v1/apps -d client_name=bench -d redirect_uris=urn:ietf:wg:oauth:2.0:oob -d "scopes=read write")
  id=$(echo "$app" | jq -r .client_id); sec=$(echo "$app" | jq -r .client_secret)
  app_tok=$(curl -s -X POST $B/oauth/token -d grant_type=client_credentials -d client_id=$id -d client_secret=$sec -d "scope=read write" | jq -r .access_token)
  n=u$RANDOM$RANDOM
  curl -s -X POST -H "Authorization: Bearer $app_tok" $B/api/v1/accounts -d username=$n -d email=$n@example.com -d password=pw-123456789 -d agreement=true -d locale=en | jq -r .access_token
}
OURS=$(tok); THEIRS=$(tok)
ME=$(curl -s -H "Authorization: Bearer $OURS" $B/api/v1/accounts/verify_credentials | jq -r .username)
P=$(mktemp -d); mkdir -p $P/{data,home,xdg-data,xdg-cache,xdg-config}
export CHORUS_DATA_DIR=$P/data HOME=$P/home XDG_DATA_HOME=$P/xdg-data XDG_CACHE_HOME=$P/xdg-cache XDG_CONFIG_HOME=$P/xdg-config CHORUS_TEST_SECRETS_FILE=$P/secrets.json RUST_LOG=warn
C=$CHORUS_CLI_BIN
$C workspace create --name Lat --timezone UTC >/dev/null
echo "$OURS" | $C channel add mastodon --instance $B --secret-stdin >/dev/null
dunst >/dev/null 2>&1 & DUNST=$!
"$CHORUS_APP_BIN" >"$P/app.log" 2>&1 & APP=$!
sleep 8 # the window is up and the first sync and the stream have started
for i in 1 2 3 4 5; do
  dunstctl close-all; dunstctl history-clear 2>/dev/null || true
  t0=$(date +%s%N)
  curl -s -X POST -H "Authorization: Bearer $THEIRS" $B/api/v1/statuses -d "status=@$ME run $i: is the bakery open?" >/dev/null
  while :; do
    dunstctl close-all
    if dunstctl history | grep -q "run $i"; then break; fi
    [ $(( ($(date +%s%N) - t0) / 1000000 )) -gt 15000 ] && { echo "run $i: no notification in 15 s"; break; }
    sleep 0.02
  done
  echo "run $i: mention posted -> OS notification $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  sleep 4
done
kill $APP $DUNST; wait $APP 2>/dev/null || true; rm -rf "$P"
