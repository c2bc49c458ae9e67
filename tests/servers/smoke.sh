#!/usr/bin/env bash
# Proves that the local test servers work, with curl + jq only. Run it under with-servers.sh:
#
#   tests/servers/with-servers.sh tests/servers/smoke.sh
#
# It checks each server whose URL with-servers.sh exported (so CHORUS_TEST_SERVERS subsets work):
#   atproto   two accounts; A uploads an image and posts it with a mention of B; B sees the
#             mention in listNotifications (polled every 50 ms, at most 10 s)
#   mastodon  (mastodon-mock, a MOCK of the Mastodon client API) app, client_credentials token,
#             account, a status with an image and an Idempotency-Key (sent twice: one status)
#   nostr     NIP-11 relay information over HTTP, and the websocket upgrade
# and prints SMOKE-OK at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

PNG=tests/fixtures/test.png
if [ ! -f "$PNG" ]; then
  mkdir -p tests/fixtures
  convert -size 64x48 gradient:blue-red "$PNG"
fi

fail() { echo "SMOKE-FAIL: $*" >&2; exit 1; }
step() { printf '  %-9s %s\n' "$1" "$2"; }
ms() { echo $(($(date +%s%N) / 1000000)); }
S=$(date +%s%N | tail -c 7) # unique enough per run
checked=()

# req METHOD URL [curl args...]: the body on 2xx, else fail with the status and the body
req() {
  local method=$1 url=$2 out code
  shift 2
  out=$(mktemp)
  code=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$url" "$@") || { rm -f "$out"; fail "$method $url: curl failed"; }
  if [[ $code != 2?? ]]; then
    echo "SMOKE-FAIL: $method $url -> HTTP $code: $(head -c 2000 "$out")" >&2
    rm -f "$out"
    exit 1
  fi
  cat "$out"
  rm -f "$out"
}

# --- AT Protocol ---------------------------------------------------------------------------------
if [ -n "${CHORUS_TEST_PDS_URL:-}" ]; then
  echo "AT Protocol (PDS $CHORUS_TEST_PDS_URL, AppView ${CHORUS_TEST_APPVIEW_URL:-?})"
  P=$CHORUS_TEST_PDS_URL
  xrpc() { # NAME TOKEN JSON
    req POST "$P/xrpc/$1" -H 'content-type: application/json' ${2:+-H "authorization: Bearer $2"} -d "$3"
  }
  xget() { # NAME TOKEN [curl args]
    local name=$1 tok=$2
    shift 2
    req GET "$P/xrpc/$name" -G -H "authorization: Bearer $tok" "$@"
  }
  req GET "${CHORUS_TEST_APPVIEW_URL:-http://localhost:2584}/xrpc/_health" | jq -e '.version' >/dev/null

  A=$(xrpc com.atproto.server.createAccount "" "{\"email\":\"a$S@example.com\",\"handle\":\"a$S.test\",\"password\":\"pw-a-$S\"}")
  B=$(xrpc com.atproto.server.createAccount "" "{\"email\":\"b$S@example.com\",\"handle\":\"b$S.test\",\"password\":\"pw-b-$S\"}")
  A_DID=$(jq -er .did <<<"$A")
  B_DID=$(jq -er .did <<<"$B")
  step accounts "a$S.test=$A_DID b$S.test=$B_DID"
  AT=$(xrpc com.atproto.server.createSession "" "{\"identifier\":\"a$S.test\",\"password\":\"pw-a-$S\"}" | jq -er .accessJwt)
  BT=$(xrpc com.atproto.server.createSession "" "{\"identifier\":\"b$S.test\",\"password\":\"pw-b-$S\"}" | jq -er .accessJwt)
  [ "$(req GET "$P/xrpc/com.atproto.identity.resolveHandle" -G --data-urlencode "handle=b$S.test" | jq -r .did)" = "$B_DID" ] ||
    fail "resolveHandle b$S.test did not give $B_DID"

  BLOB=$(req POST "$P/xrpc/com.atproto.repo.uploadBlob" -H "authorization: Bearer $AT" -H 'content-type: image/png' \
    --data-binary @"$PNG" | jq -ec .blob)
  step blob "$(jq -c '{mimeType,size}' <<<"$BLOB")"

  TEXT="Smoke test mentioning @b$S.test with an image"
  MENTION="@b$S.test"
  START=$(printf '%s' "${TEXT%%"$MENTION"*}" | wc -c) # facets count UTF-8 bytes
  END=$((START + $(printf '%s' "$MENTION" | wc -c)))
  RECORD=$(jq -nc --arg text "$TEXT" --arg did "$B_DID" --argjson s "$START" --argjson e "$END" --argjson blob "$BLOB" \
    --arg now "$(date -u +%Y-%m-%dT%H:%M:%S.000Z)" '{
      "$type": "app.bsky.feed.post", text: $text, createdAt: $now,
      facets: [{index: {byteStart: $s, byteEnd: $e}, features: [{"$type": "app.bsky.richtext.facet#mention", did: $did}]}],
      embed: {"$type": "app.bsky.embed.images", images: [{alt: "gradient", image: $blob, aspectRatio: {width: 64, height: 48}}]}}')
  POST=$(xrpc com.atproto.repo.createRecord "$AT" "$(jq -nc --arg repo "$A_DID" --argjson r "$RECORD" \
    '{repo: $repo, collection: "app.bsky.feed.post", record: $r}')")
  URI=$(jq -er .uri <<<"$POST")
  step post "$URI"

  t0=$(ms)
  seen=0
  for ((i = 0; i < 200; i++)); do # every 50 ms, at most 10 s
    n=$(xget app.bsky.notification.listNotifications "$BT" |
      jq --arg uri "$URI" '[.notifications[] | select(.reason == "mention" and .uri == $uri)] | length')
    if [ "$n" -ge 1 ]; then seen=1; break; fi
    sleep 0.05
  done
  [ $seen = 1 ] || fail "B did not see A's mention in listNotifications within 10 s"
  step mention "B saw it in listNotifications after $(($(ms) - t0)) ms"
  xget app.bsky.feed.getPosts "$AT" --data-urlencode "uris=$URI" |
    jq -e '.posts[0].embed.images[0].fullsize | test("^http")' >/dev/null || fail "the AppView has no image for the post"
  checked+=(atproto)
fi

# --- Mastodon client API (mastodon-mock: a MOCK, not Mastodon) ------------------------------------
if [ -n "${CHORUS_TEST_MASTODON_MOCK_URL:-}" ]; then
  echo "Mastodon client API MOCK (mastodon-mock, $CHORUS_TEST_MASTODON_MOCK_URL)"
  M=$CHORUS_TEST_MASTODON_MOCK_URL
  APP=$(req POST "$M/api/v1/apps" -F client_name=chorus-smoke -F redirect_uris=urn:ietf:wg:oauth:2.0:oob -F 'scopes=read write follow')
  CID=$(jq -er .client_id <<<"$APP")
  CS=$(jq -er .client_secret <<<"$APP")
  step app "client_id=$CID"
  APPTOK=$(req POST "$M/oauth/token" -F grant_type=client_credentials -F "client_id=$CID" -F "client_secret=$CS" \
    -F 'scope=read write' | jq -er .access_token)
  UT=$(req POST "$M/api/v1/accounts" -H "authorization: Bearer $APPTOK" -F "username=smoke$S" -F "email=smoke$S@example.com" \
    -F "password=pw-smoke-$S-123456" -F agreement=true -F locale=en | jq -er .access_token)
  ME=$(req GET "$M/api/v1/accounts/verify_credentials" -H "authorization: Bearer $UT")
  step account "$(jq -c '{id,acct}' <<<"$ME")"
  MEDIA=$(req POST "$M/api/v2/media" -H "authorization: Bearer $UT" -F file=@"$PNG" -F description=gradient)
  MID=$(jq -er .id <<<"$MEDIA")
  post_status() {
    req POST "$M/api/v1/statuses" -H "authorization: Bearer $UT" -H "Idempotency-Key: smoke-$S" \
      --form-string "status=Smoke test from Chorus $S" -F "media_ids[]=$MID" -F visibility=public
  }
  ST1=$(post_status)
  ST2=$(post_status)
  SID=$(jq -er .id <<<"$ST1")
  [ "$(jq -r .id <<<"$ST2")" = "$SID" ] || fail "the same Idempotency-Key gave two statuses ($SID, $(jq -r .id <<<"$ST2"))"
  step status "$(jq -c '{id,media:[.media_attachments[].type]}' <<<"$ST1") (posted twice with one Idempotency-Key: one status)"
  [ "$(req GET "$M/api/v1/statuses/$SID" -H "authorization: Bearer $UT" | jq -r .id)" = "$SID" ] || fail "GET status $SID"
  checked+=(mastodon-mock)
fi

# --- Nostr ---------------------------------------------------------------------------------------
if [ -n "${CHORUS_TEST_NOSTR_RELAY:-}" ]; then
  echo "Nostr relay ($CHORUS_TEST_NOSTR_RELAY)"
  H=http${CHORUS_TEST_NOSTR_RELAY#ws}
  INFO=$(req GET "$H/" -H 'Accept: application/nostr+json')
  jq -e '(.supported_nips | index(1)) != null and (.name | length > 0)' <<<"$INFO" >/dev/null || fail "NIP-11 document: $INFO"
  step NIP-11 "$(jq -c '{name,software,version,supported_nips}' <<<"$INFO")"
  UPGRADE=$(curl -sS -i --max-time 2 "$H/" -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \
    -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' 2>/dev/null | head -n1 || true)
  [[ $UPGRADE == *" 101"* ]] || fail "no websocket upgrade at $H/ (got: ${UPGRADE:-nothing})"
  step websocket "${UPGRADE%$'\r'}"
  checked+=(nostr)
fi

[ ${#checked[@]} -gt 0 ] || fail "no test server URL in the environment: run this under tests/servers/with-servers.sh"
echo "checked: ${checked[*]}"
echo SMOKE-OK
