// A realistic week for a small bakery, as the fake backend's state (ui/src/test/fakeBackend.ts
// shapes). The clock is fixed at NOW: Wednesday 9 December 2026, 08:00 in Asia/Kolkata.

export const KOLKATA = "Asia/Kolkata";
export const ST_JOHNS = "America/St_Johns";

/** Wed 9 Dec 2026, 08:00 in Kolkata (UTC+5:30). */
export const NOW = new Date("2026-12-09T02:30:00Z");

const channels = [
  channel(11, "bluesky", "harbourbakery.bsky.social"),
  channel(12, "mastodon", "@harbour@mastodon.social"),
  channel(13, "nostr", "npub1harb0urbakery"),
  channel(14, "bluesky", "harbour-events.bsky.social"),
];

function channel(id, network, handle, workspaceId = 1) {
  const config =
    network === "bluesky"
      ? { network, serviceUrl: "https://bsky.social", identifier: handle }
      : network === "mastodon"
        ? { network, instanceUrl: "https://mastodon.social" }
        : { network, relays: ["wss://relay.example.com"] };
  return {
    id,
    workspaceId,
    network,
    handle,
    displayName: handle,
    config,
    status: "active",
    statusReason: "",
    createdAt: "2026-01-05T09:00:00Z",
  };
}

let nextTarget = 500;
function target(channelId, state, dueAt, extra = {}) {
  const ch = channels.find((c) => c.id === channelId);
  return {
    id: nextTarget++,
    channelId,
    channel: ch.handle,
    network: ch.network,
    state,
    dueAt,
    nextAttemptAt: null,
    attempts: 0,
    lastError: "",
    publishedAt: state === "published" ? dueAt : null,
    remoteUrl: null,
    remoteId: null,
    delivery: "local",
    ...extra,
  };
}

/** `local` is a wall-clock time in Kolkata, "2026-12-07T09:00". */
function kolkata(local) {
  return new Date(`${local}:00+05:30`).toISOString();
}

function post(id, text, local, targets, { thread = [], workspaceId = 1, timezone = KOLKATA, createdAt } = {}) {
  const dueAt = local === null ? null : kolkata(local);
  return {
    id,
    workspaceId,
    text,
    threadParts: thread.length,
    dueAt,
    timezone,
    createdAt: createdAt ?? "2026-12-01T04:00:00Z",
    targets: targets.map(([channelId, state, extra]) => target(channelId, state, dueAt, extra)),
    thread,
    activity: [],
    // The rest of a PostDetails (get_post), as the backend sends it.
    variants: [],
    images: [],
    contentWarning: null,
    language: null,
    seriesId: null,
    tags: [],
  };
}

const LONG =
  "We're hiring! Harbour Bakery is looking for an early-morning baker (4 am starts, four days a week) " +
  "and a weekend counter assistant. No experience with laminated dough? We'll teach you. Come by the " +
  "shop with a CV, or reply here and tell us about the best loaf you've ever eaten and why it stuck.";

export const POSTS = {
  published: 1,
  failed: 2,
  missed: 3,
  unconfirmed: 4,
  mixed: 5,
  publishing: 6,
  thread: 7,
  long: 8,
  paused: 9,
  image: 10,
  market: 11,
  draftPreorders: 20,
  draftSpotlight: 21,
  draftRecipe: 22,
};

export function bakeryPosts() {
  return [
    post(POSTS.published, "Good morning! Fresh sourdough is out of the oven and the shop is open.", "2026-12-07T09:00", [
      [11, "published"],
      [12, "published"],
    ]),
    post(POSTS.failed, "Tonight's tasting menu: five breads, three butters, one very good jam.", "2026-12-07T18:30", [
      [13, "failed", { lastError: "relay refused: rate limited" }],
    ]),
    post(POSTS.missed, "Lunch special: soup and a heel of rye, ₹250 until two.", "2026-12-08T12:00", [[12, "missed"]]),
    post(POSTS.unconfirmed, "Sold out of croissants — thank you, Tuesday!", "2026-12-08T16:00", [[11, "unconfirmed"]]),
    post(POSTS.mixed, "Baker's dozen deal all week: thirteen rolls for the price of twelve.", "2026-12-09T07:30", [
      [12, "published"],
      [13, "failed", { lastError: "no relay answered" }],
    ]),
    post(POSTS.publishing, "Doors open in a minute — the queue is already round the corner.", "2026-12-09T07:59", [
      [11, "publishing"],
    ]),
    post(
      POSTS.thread,
      "Our winter menu is here! A thread on what's new 🧵",
      "2026-12-09T09:00",
      [
        [11, "scheduled"],
        [12, "scheduled"],
        [13, "scheduled"],
      ],
      { thread: ["Cardamom buns, every day from 8.", "Stollen from the 15th — pre-order at the counter."] },
    ),
    post(POSTS.long, LONG, "2026-12-10T11:15", [
      [11, "scheduled"],
      [14, "scheduled"],
    ]),
    post(POSTS.paused, "Christmas opening hours are up on the door and the website.", "2026-12-10T15:00", [
      [12, "paused"],
    ]),
    post(POSTS.image, "Behind the scenes: shaping 200 baguettes before sunrise.", "2026-12-11T09:00", [
      [12, "scheduled"],
    ]),
    post(POSTS.market, "Find us at the Saturday market, stall 14, from 10.", "2026-12-12T10:00", [
      [11, "scheduled"],
      [14, "scheduled"],
    ]),
    post(POSTS.draftPreorders, "Christmas pre-orders are open: stollen, panettone and mince pies.", null, [
      [11, "draft"],
      [12, "draft"],
    ], { createdAt: "2026-12-08T10:00:00Z" }),
    post(POSTS.draftSpotlight, "Staff spotlight: meet Priya, who has made every croissant since 2019.", null, [
      [14, "draft"],
    ], { createdAt: "2026-12-07T10:00:00Z" }),
    post(
      POSTS.draftRecipe,
      "Recipe: our cardamom buns, step by step.",
      null,
      [[13, "draft"]],
      { thread: ["The dough.", "The filling.", "The knot."], createdAt: "2026-12-06T10:00:00Z" },
    ),
  ];
}

/** A photo-like picture (a warm loaf on a board against a coloured wall, `hue`) as an SVG data URL. */
export function picture(w, h, hue) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
<defs><linearGradient id="wall" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue},45%,62%)"/><stop offset="1" stop-color="hsl(${hue},35%,38%)"/></linearGradient>
<radialGradient id="loaf" cx="0.45" cy="0.4" r="0.7"><stop offset="0" stop-color="#f2c27b"/><stop offset="0.7" stop-color="#b86b2b"/><stop offset="1" stop-color="#7a3e14"/></radialGradient></defs>
<rect width="${w}" height="${h}" fill="url(#wall)"/>
<rect y="${h * 0.68}" width="${w}" height="${h * 0.32}" fill="#8a5a33"/>
<ellipse cx="${w * 0.5}" cy="${h * 0.62}" rx="${w * 0.28}" ry="${h * 0.17}" fill="url(#loaf)"/>
<path d="M ${w * 0.33} ${h * 0.58} q ${w * 0.05} -${h * 0.06} ${w * 0.1} 0 M ${w * 0.45} ${h * 0.56} q ${w * 0.05} -${h * 0.06} ${w * 0.1} 0 M ${w * 0.57} ${h * 0.58} q ${w * 0.05} -${h * 0.06} ${w * 0.1} 0" stroke="#f6dfb0" stroke-width="${w * 0.012}" fill="none"/>
<circle cx="${w * 0.82}" cy="${h * 0.2}" r="${h * 0.08}" fill="#fff6d8" opacity="0.85"/></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

function workspace(id, name, timezone) {
  return { id, name, timezone, createdAt: "2026-01-05T09:00:00Z" };
}

/** The bakery (Kolkata) with a realistic week; `theme` is the saved preference. */
export function bakerySeed(theme = "light") {
  return {
    workspaces: [workspace(1, "Harbour Bakery", KOLKATA), workspace(2, "Cape Spear Tours", ST_JOHNS)],
    preferences: { theme, activeWorkspaceId: 1 },
    timeZones: [KOLKATA, ST_JOHNS, "UTC"],
    channels: [...channels, channel(31, "mastodon", "@capespear@mastodon.social", 2)],
    posts: [
      ...bakeryPosts(),
      // 09:00 in St. John's (UTC−3:30) on the same Wednesday.
      {
        ...post(40, "Whale watching: first boat at nine.", null, []),
        workspaceId: 2,
        timezone: ST_JOHNS,
        dueAt: new Date("2026-12-09T09:00:00-03:30").toISOString(),
        targets: [
          {
            ...target(11, "scheduled", null),
            channelId: 31,
            channel: "@capespear@mastodon.social",
            network: "mastodon",
            dueAt: new Date("2026-12-09T09:00:00-03:30").toISOString(),
          },
        ],
      },
    ],
    imageCounts: { [POSTS.thread]: 2, [POSTS.image]: 1, [POSTS.long]: 0 },
    // The first image's thumbnail of the posts with images.
    thumbnails: { [POSTS.thread]: picture(256, 192, 205), [POSTS.image]: picture(256, 256, 20) },
  };
}

/** A workspace with channels and nothing planned. */
export function emptySeed(theme = "light") {
  return {
    workspaces: [workspace(1, "Harbour Bakery", KOLKATA)],
    preferences: { theme, activeWorkspaceId: 1 },
    timeZones: [KOLKATA, "UTC"],
    channels,
    posts: [],
  };
}
