// Generated from chorus-networks' registry (registry::tests::export_bindings_capabilities). Do not edit.
import type { Capabilities } from "./Capabilities";

export const CAPABILITIES: Capabilities[] = [
  {
    "network": "bluesky",
    "label": "Bluesky",
    "brandColor": "#1185fe",
    "text": {
      "maxLength": 300,
      "counting": {
        "kind": "graphemes"
      },
      "warningCounts": false,
      "note": "Bluesky allows 300 characters (graphemes) per post."
    },
    "images": {
      "maxPerPost": 4,
      "maxBytes": 1000000,
      "formats": [
        "image/jpeg",
        "image/png",
        "image/webp",
        "image/gif"
      ],
      "maxAltLength": 2000
    },
    "threads": true,
    "contentWarnings": false,
    "languages": true,
    "firstComment": false,
    "editing": false,
    "deletion": true,
    "serverScheduling": false,
    "inboxPush": false,
    "groups": [
      "publish",
      "inbox",
      "reply",
      "like"
    ]
  },
  {
    "network": "mastodon",
    "label": "Mastodon",
    "brandColor": "#6364ff",
    "text": {
      "maxLength": 500,
      "counting": {
        "kind": "graphemesShortLinks",
        "urlLength": 23,
        "localMentions": true
      },
      "warningCounts": true,
      "note": "Most Mastodon servers allow 500 characters; every link counts as 23 and @user@server as @user."
    },
    "images": {
      "maxPerPost": 4,
      "maxBytes": 10485760,
      "formats": [
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp"
      ],
      "maxAltLength": 1500
    },
    "threads": true,
    "contentWarnings": true,
    "languages": true,
    "firstComment": false,
    "editing": false,
    "deletion": true,
    "serverScheduling": true,
    "inboxPush": true,
    "groups": [
      "publish",
      "inbox",
      "reply",
      "like"
    ]
  },
  {
    "network": "nostr",
    "label": "Nostr",
    "brandColor": "#8e30eb",
    "text": {
      "maxLength": null,
      "counting": {
        "kind": "graphemes"
      },
      "warningCounts": false,
      "note": "Nostr has no length limit; some clients fold long notes."
    },
    "images": {
      "maxPerPost": 0,
      "maxBytes": 0,
      "formats": [],
      "maxAltLength": null
    },
    "threads": true,
    "contentWarnings": true,
    "languages": true,
    "firstComment": false,
    "editing": false,
    "deletion": true,
    "serverScheduling": false,
    "inboxPush": false,
    "groups": [
      "publish",
      "inbox",
      "reply",
      "like"
    ]
  }
];
