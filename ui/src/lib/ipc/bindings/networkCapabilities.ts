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
    ],
    "connect": [
      {
        "id": "app_password",
        "label": "App password",
        "note": "",
        "submit": "Connect Bluesky",
        "browser": false,
        "reconnects": true,
        "fields": [
          {
            "name": "serviceUrl",
            "label": "Server",
            "hint": "Leave as is unless your account lives on a self-hosted server (PDS).",
            "placeholder": "",
            "kind": "url",
            "default": "https://bsky.social",
            "required": "Enter the server address, e.g. https://bsky.social.",
            "schemes": [],
            "flag": "service"
          },
          {
            "name": "identifier",
            "label": "Handle",
            "hint": "Your Bluesky handle, or your DID (did:plc:…).",
            "placeholder": "alice.bsky.social",
            "kind": "text",
            "default": "",
            "required": "Enter your handle, e.g. alice.bsky.social.",
            "schemes": [],
            "flag": "handle"
          },
          {
            "name": "appPassword",
            "label": "App password",
            "hint": "Not your account password. In Bluesky, open Settings → Privacy and security → App passwords, add one named “Chorus” and paste it here. You can revoke it there at any time.",
            "placeholder": "xxxx-xxxx-xxxx-xxxx",
            "kind": "secret",
            "default": "",
            "required": "Paste an app password.",
            "schemes": [],
            "flag": ""
          }
        ]
      }
    ],
    "connectSummary": "Handle and app password",
    "mark": "M5.9 3.9C8.3 5.7 10.9 9.4 12 11.5c1.1-2.1 3.7-5.8 6.1-7.6 1.7-1.3 4.5-2.3 4.5.9 0 .6-.4 5.3-.6 6-.7 2.6-3.3 3.2-5.6 2.8 4 .7 5 3 2.8 5.2-4.2 4.3-6-1.1-6.5-2.5L12 15.5l-.7.8c-.5 1.4-2.3 6.8-6.5 2.5-2.2-2.2-1.2-4.5 2.8-5.2-2.3.4-4.9-.2-5.6-2.8-.2-.7-.6-5.4-.6-6 0-3.2 2.8-2.2 4.5-.9z",
    "preview": {
      "handle": "at_prefixed",
      "squareAvatars": false,
      "underlineLinks": false,
      "warning": {
        "kind": "label",
        "prefix": ""
      },
      "oneImageAspect": "4 / 3",
      "imagesAspect": "3 / 2",
      "imageRadius": 12,
      "likeWord": "Like"
    }
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
    ],
    "connect": [
      {
        "id": "browser",
        "label": "Sign in with browser",
        "note": "Chorus opens your server's sign-in page in your browser.",
        "submit": "Sign in with browser",
        "browser": true,
        "reconnects": true,
        "fields": [
          {
            "name": "instanceUrl",
            "label": "Server",
            "hint": "The server your account is on: for @you@mastodon.social that is mastodon.social.",
            "placeholder": "mastodon.social",
            "kind": "url",
            "default": "",
            "required": "Enter your server's address, e.g. mastodon.social.",
            "schemes": [],
            "flag": "instance"
          }
        ]
      },
      {
        "id": "token",
        "label": "Paste an access token",
        "note": "For servers where browser sign-in doesn't work.",
        "submit": "Connect with token",
        "browser": false,
        "reconnects": true,
        "fields": [
          {
            "name": "instanceUrl",
            "label": "Server",
            "hint": "The server your account is on: for @you@mastodon.social that is mastodon.social.",
            "placeholder": "mastodon.social",
            "kind": "url",
            "default": "",
            "required": "Enter your server's address, e.g. mastodon.social.",
            "schemes": [],
            "flag": "instance"
          },
          {
            "name": "accessToken",
            "label": "Access token",
            "hint": "On your server: Preferences → Development → New application, with the scopes read:accounts, write:statuses and write:media. Save it, then copy “Your access token”.",
            "placeholder": "",
            "kind": "secret",
            "default": "",
            "required": "Paste the access token.",
            "schemes": [],
            "flag": ""
          }
        ]
      }
    ],
    "connectSummary": "Sign in on your server",
    "mark": "M21.3 8.1c0-4.3-2.8-5.6-2.8-5.6C17.1 1.8 14.7 1.5 12.2 1.5h-.1c-2.5 0-4.9.3-6.3 1-.1 0-2.9 1.3-2.9 5.6 0 1-.1 2.2 0 3.4.1 4.2.7 8.3 4.6 9.3 1.8.5 3.3.6 4.6.5 2.2-.1 3.5-.8 3.5-.8l-.1-1.6s-1.6.5-3.3.4c-1.7-.1-3.6-.2-3.9-2.3v-.6s1.7.4 3.8.5c1.3.1 2.5-.1 3.7-.2 2.4-.3 4.4-1.7 4.7-3.1.4-2.1.4-5.1.4-5.1zm-3.2 5.4h-2V8.6c0-1-.4-1.6-1.3-1.6-1 0-1.5.6-1.5 1.9v2.7h-2V8.9c0-1.3-.5-1.9-1.5-1.9-.9 0-1.3.5-1.3 1.6v4.9h-2V8.4c0-1 .3-1.9.8-2.5.5-.6 1.3-.9 2.2-.9 1 0 1.8.4 2.3 1.2l.5.8.5-.8c.5-.8 1.3-1.2 2.3-1.2.9 0 1.6.3 2.2.9.5.6.8 1.4.8 2.5z",
    "preview": {
      "handle": "as_stored",
      "squareAvatars": true,
      "underlineLinks": true,
      "warning": {
        "kind": "spoiler"
      },
      "oneImageAspect": "16 / 9",
      "imagesAspect": "16 / 9",
      "imageRadius": 8,
      "likeWord": "Favourite"
    }
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
    ],
    "connect": [
      {
        "id": "import",
        "label": "Import a key I have",
        "note": "Post as an identity you already use.",
        "submit": "Connect Nostr",
        "browser": false,
        "reconnects": true,
        "fields": [
          {
            "name": "secretKey",
            "label": "Secret key",
            "hint": "Your nsec1… key, or the same key as 64 hex characters. It is stored in your system keychain.",
            "placeholder": "nsec1…",
            "kind": "secret",
            "default": "",
            "required": "Paste your secret key (nsec1… or 64 hex characters).",
            "schemes": [],
            "flag": ""
          },
          {
            "name": "relays",
            "label": "Relays",
            "hint": "One relay address per line. Posts go to every relay listed.",
            "placeholder": "wss://relay.example.com",
            "kind": "lines",
            "default": "",
            "required": "Add at least one relay, e.g. wss://relay.example.com.",
            "schemes": [
              "wss",
              "ws"
            ],
            "flag": "relay"
          }
        ]
      },
      {
        "id": "generate",
        "label": "Generate a new key",
        "note": "A fresh identity; Chorus keeps its secret key in your system keychain.",
        "submit": "Generate key and connect",
        "browser": false,
        "reconnects": false,
        "fields": [
          {
            "name": "relays",
            "label": "Relays",
            "hint": "One relay address per line. Posts go to every relay listed.",
            "placeholder": "wss://relay.example.com",
            "kind": "lines",
            "default": "",
            "required": "Add at least one relay, e.g. wss://relay.example.com.",
            "schemes": [
              "wss",
              "ws"
            ],
            "flag": "relay"
          }
        ]
      }
    ],
    "connectSummary": "A key and your relays",
    "mark": "M13.6 2 5 13.4h6.1L9.9 22l8.9-12.1h-6.3z",
    "preview": {
      "handle": "shortened",
      "squareAvatars": false,
      "underlineLinks": false,
      "warning": {
        "kind": "label",
        "prefix": "Content warning: "
      },
      "oneImageAspect": "16 / 10",
      "imagesAspect": "3 / 2",
      "imageRadius": 12,
      "likeWord": "Like"
    }
  }
];
