//! Planning through the Service, as the app and the CLI use it, with the real Nostr adapter's
//! checks (no relay is contacted: validating a note is local): posting slots and the queue
//! across daylight-saving changes, repeating posts, editing and deleting, CSV in and out.

use chorus_core::channel::{self, ChannelConfig};
use chorus_core::inputs::{PostInput, VariantInput, WhenInput};
use chorus_core::networks::generate_nostr_key;
use chorus_core::planning::slots::SlotInput;
use chorus_core::publish::NetworkConnector;
use chorus_core::publish::TargetState;
use chorus_core::secrets::{MemorySecretStore, SecretStore};
use chorus_core::service::Service;
use chorus_core::workspace::{self, NewWorkspace};
use chorus_core::{DataDir, FixedClock, Store};
use chorus_networks::AccountInfo;
use chrono::{DateTime, Utc};
use std::sync::{Arc, Mutex};

struct World {
    _tmp: tempfile::TempDir,
    service: Service,
    workspace: i64,
    channels: Vec<i64>,
}

impl World {
    /// Sets up a state directly in the database (what the engine or a network would do).
    fn store_exec(&self, sql: &str) {
        self.service
            .store
            .lock()
            .expect("lock")
            .connection()
            .execute(sql, [])
            .expect(sql);
    }
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("instant")
        .with_timezone(&Utc)
}

fn world(timezone: &str, now: &str) -> World {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = DataDir::at(tmp.path().join("data")).expect("dir");
    let mut store = Store::open(dir.database_path()).expect("open");
    let clock = Arc::new(FixedClock::new(utc(now)));
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::default());
    let ws = workspace::create(
        store.connection(),
        clock.as_ref(),
        &NewWorkspace {
            name: "Bakery".into(),
            timezone: timezone.into(),
        },
    )
    .expect("workspace");
    let channels = ["bakery", "cafe"]
        .iter()
        .map(|handle| {
            channel::create(
                store.connection_mut(),
                clock.as_ref(),
                secrets.as_ref(),
                ws.id,
                &ChannelConfig::Nostr(chorus_networks::nostr::NostrSettings {
                    relays: vec!["ws://127.0.0.1:1".into()],
                }),
                &AccountInfo {
                    id: (*handle).into(),
                    handle: (*handle).into(),
                    display_name: String::new(),
                },
                &generate_nostr_key(),
            )
            .expect("channel")
            .id
        })
        .collect();
    World {
        _tmp: tmp,
        service: Service {
            store: Arc::new(Mutex::new(store)),
            dir,
            clock,
            connector: Arc::new(NetworkConnector::new(secrets.clone())),
            secrets,
            engine_waker: None,
        },
        workspace: ws.id,
        channels,
    }
}

fn input(w: &World, text: &str, when: WhenInput) -> PostInput {
    PostInput {
        workspace_id: w.workspace,
        channel_ids: w.channels.clone(),
        text: text.into(),
        thread: vec![],
        images: vec![],
        when,
        content_warning: None,
        language: None,
        deliver_on_server: false,
        variants: vec![],
        recurrence: None,
        tags: Vec::new(),
    }
}

fn at(s: &str) -> WhenInput {
    WhenInput::At { at: s.into() }
}

fn slot(weekday: u8, time: &str) -> SlotInput {
    SlotInput {
        weekday,
        time: time.into(),
    }
}

#[tokio::test]
async fn the_queue_picks_the_next_free_slot_and_a_0230_slot_survives_spring_forward() {
    // Saturday 27 March 2027, noon in Berlin; clocks go forward that night.
    let w = world("Europe/Berlin", "2027-03-27T11:00:00Z");
    w.service
        .set_posting_slots(w.channels[0], &[slot(7, "02:30"), slot(1, "09:00")])
        .expect("slots");
    // Sunday 02:30 does not exist that night: the slot is at 03:30 CEST.
    assert_eq!(
        w.service
            .next_free_slot(w.workspace, &[w.channels[0]])
            .expect("slot"),
        utc("2027-03-28T01:30:00Z")
    );
    // Take it; the queue moves on to Monday 09:00 CEST.
    w.service
        .create_post(PostInput {
            channel_ids: vec![w.channels[0]],
            ..input(&w, "Sunday bread", at("2027-03-28T03:30:00+02:00"))
        })
        .await
        .expect("post");
    assert_eq!(
        w.service
            .next_free_slot(w.workspace, &[w.channels[0]])
            .expect("slot"),
        utc("2027-03-29T07:00:00Z")
    );
    let week = w
        .service
        .slot_occurrences(
            w.workspace,
            utc("2027-03-27T00:00:00Z"),
            utc("2027-04-03T00:00:00Z"),
        )
        .expect("occurrences");
    assert_eq!(
        week.iter()
            .map(|o| (o.at.as_str(), o.taken))
            .collect::<Vec<_>>(),
        [
            ("2027-03-28T01:30:00.000Z", true),
            ("2027-03-29T07:00:00.000Z", false)
        ]
    );
    // A channel without slots cannot be queued, and says so.
    let err = w
        .service
        .next_free_slot(w.workspace, &[w.channels[1]])
        .expect_err("no slots");
    assert!(err.to_string().contains("no free posting slot"), "{err}");
    let err = w
        .service
        .set_posting_slots(w.channels[0], &[slot(8, "09:00")])
        .expect_err("bad day");
    assert_eq!(err.field(), Some("slots"));
    let err = w
        .service
        .set_posting_slots(w.channels[0], &[slot(1, "25:00")])
        .expect_err("bad time");
    assert!(err.to_string().contains("HH:MM"), "{err}");
}

#[tokio::test]
async fn slots_in_half_hour_zones_fall_on_their_local_time() {
    for (zone, expected) in [
        ("Asia/Kolkata", "2027-01-05T03:30:00Z"),
        ("America/St_Johns", "2027-01-05T12:30:00Z"),
    ] {
        let w = world(zone, "2027-01-04T00:00:00Z");
        w.service
            .set_posting_slots(w.channels[0], &[slot(2, "09:00")]) // Tuesday
            .expect("slots");
        assert_eq!(
            w.service
                .next_free_slot(w.workspace, &[w.channels[0]])
                .expect("slot"),
            utc(expected),
            "{zone}"
        );
    }
}

#[tokio::test]
async fn a_repeating_post_makes_one_post_per_occurrence_in_local_time_across_dst() {
    let w = world("America/New_York", "2027-03-01T00:00:00Z");
    let first = w
        .service
        .create_post(PostInput {
            recurrence: Some("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4".into()),
            ..input(&w, "Bread day", at("2027-03-09T09:00:00-05:00"))
        })
        .await
        .expect("series");
    let posts = w.service.list_posts(Some(w.workspace)).expect("list");
    let mut times: Vec<String> = posts.iter().filter_map(|p| p.due_at.clone()).collect();
    times.sort();
    assert_eq!(
        times,
        [
            "2027-03-09T14:00:00.000Z",
            "2027-03-11T14:00:00.000Z",
            "2027-03-16T13:00:00.000Z", // still 09:00 local, now EDT
            "2027-03-18T13:00:00.000Z",
        ]
    );
    let details = w.service.get_post(first.id).expect("show");
    assert!(details.series_id.is_some());

    // All or none: a rule without an end makes nothing.
    let err = w
        .service
        .create_post(PostInput {
            recurrence: Some("FREQ=DAILY".into()),
            ..input(&w, "Forever", at("2027-03-09T09:00:00-05:00"))
        })
        .await
        .expect_err("no end");
    assert_eq!(err.field(), Some("recurrence"));
    assert_eq!(
        w.service.list_posts(Some(w.workspace)).expect("list").len(),
        4
    );
}

#[tokio::test]
async fn an_existing_post_is_made_to_repeat_and_its_copies_carry_its_content() {
    let w = world("America/New_York", "2027-03-01T00:00:00Z");
    let post = w
        .service
        .create_post(PostInput {
            variants: vec![VariantInput {
                channel_id: w.channels[1],
                text: "Bread day at the cafe".into(),
            }],
            tags: vec!["bread".into()],
            thread: vec!["Rye and spelt".into()],
            ..input(&w, "Bread day", at("2027-03-09T09:00:00-05:00"))
        })
        .await
        .expect("post");

    let series = w
        .service
        .repeat_post(post.id, "FREQ=WEEKLY;BYDAY=TU;COUNT=3")
        .await
        .expect("repeat");
    assert_eq!(
        series[0].id, post.id,
        "the post stays the first of its series"
    );
    let times: Vec<_> = series
        .iter()
        .map(|p| p.due_at.clone().expect("due"))
        .collect();
    assert_eq!(
        times,
        [
            "2027-03-09T14:00:00.000Z",
            "2027-03-16T13:00:00.000Z", // 09:00 local, after the change to EDT
            "2027-03-23T13:00:00.000Z",
        ]
    );
    let first = w.service.get_post(post.id).expect("first");
    for copy in &series[1..] {
        let details = w.service.get_post(copy.id).expect("copy");
        assert_eq!(details.series_id, first.series_id);
        assert!(details.series_id.is_some());
        assert_eq!(details.post.text, "Bread day");
        assert_eq!(details.thread, ["Rye and spelt"]);
        assert_eq!(details.variants, first.variants);
        assert_eq!(details.tags, ["bread"]);
        assert_eq!(details.post.targets.len(), 2);
    }

    // A post of a series cannot start a second one; nothing is added.
    let err = w
        .service
        .repeat_post(series[1].id, "FREQ=DAILY;COUNT=2")
        .await
        .expect_err("already repeats");
    assert_eq!(err.field(), Some("recurrence"));
    assert!(err.to_string().contains("already repeats"), "{err}");
    assert_eq!(
        w.service.list_posts(Some(w.workspace)).expect("list").len(),
        3
    );
}

#[tokio::test]
async fn editing_a_post_into_a_series_keeps_the_edit_only_if_every_occurrence_is_good() {
    let w = world("Asia/Kolkata", "2027-01-04T00:00:00Z");
    let post = w
        .service
        .create_post(input(&w, "Cinnamon buns", at("2027-01-05T09:00:00+05:30")))
        .await
        .expect("post");

    // A rule without an end is refused before the edit is written.
    let err = w
        .service
        .update_post(
            post.id,
            PostInput {
                recurrence: Some("FREQ=DAILY".into()),
                ..input(
                    &w,
                    "Cinnamon buns, every day",
                    at("2027-01-05T09:00:00+05:30"),
                )
            },
        )
        .await
        .expect_err("no end");
    assert_eq!(err.field(), Some("recurrence"));
    let kept = w.service.get_post(post.id).expect("post");
    assert_eq!(kept.post.text, "Cinnamon buns");
    assert_eq!(kept.series_id, None);
    assert_eq!(
        w.service.list_posts(Some(w.workspace)).expect("list").len(),
        1
    );

    // With an end, the edited text goes to every occurrence.
    w.service
        .update_post(
            post.id,
            PostInput {
                recurrence: Some("FREQ=DAILY;COUNT=2".into()),
                ..input(
                    &w,
                    "Cinnamon buns, two days",
                    at("2027-01-05T09:00:00+05:30"),
                )
            },
        )
        .await
        .expect("series");
    let posts = w.service.list_posts(Some(w.workspace)).expect("list");
    assert_eq!(posts.len(), 2);
    assert!(posts.iter().all(|p| p.text == "Cinnamon buns, two days"));
    let mut times: Vec<_> = posts.iter().filter_map(|p| p.due_at.clone()).collect();
    times.sort();
    assert_eq!(
        times,
        ["2027-01-05T03:30:00.000Z", "2027-01-06T03:30:00.000Z"]
    );

    // A post that has gone out cannot be made to repeat.
    let other = w
        .service
        .create_post(input(&w, "Rye", at("2027-01-07T09:00:00+05:30")))
        .await
        .expect("post");
    w.store_exec(&format!(
        "UPDATE post_variants SET state = 'published' WHERE post_id = {}",
        other.id
    ));
    let err = w
        .service
        .repeat_post(other.id, "FREQ=DAILY;COUNT=2")
        .await
        .expect_err("published");
    assert!(err.to_string().contains("already gone out"), "{err}");
}

#[tokio::test]
async fn a_post_is_edited_with_its_own_text_per_channel_then_deleted() {
    let w = world("Europe/Berlin", "2027-01-04T08:00:00Z");
    let post = w
        .service
        .create_post(input(&w, "Rye today", at("2027-01-05T09:00:00+01:00")))
        .await
        .expect("post");
    let edited = w
        .service
        .update_post(
            post.id,
            PostInput {
                channel_ids: vec![w.channels[1]],
                variants: vec![VariantInput {
                    channel_id: w.channels[1],
                    text: "Rye today, and coffee".into(),
                }],
                ..input(&w, "Rye and spelt today", at("2027-01-06T10:00:00+01:00"))
            },
        )
        .await
        .expect("edit");
    assert_eq!(edited.text, "Rye and spelt today");
    assert_eq!(edited.due_at.as_deref(), Some("2027-01-06T09:00:00.000Z"));
    assert_eq!(
        edited
            .targets
            .iter()
            .map(|t| t.channel_id)
            .collect::<Vec<_>>(),
        [w.channels[1]],
        "the dropped channel lost its target"
    );
    let details = w.service.get_post(post.id).expect("show");
    assert_eq!(details.variants.len(), 1);
    assert_eq!(details.variants[0].text, "Rye today, and coffee");

    // A version for a channel the post does not go to is a mistake, and nothing changes.
    let err = w
        .service
        .update_post(
            post.id,
            PostInput {
                channel_ids: vec![w.channels[1]],
                variants: vec![VariantInput {
                    channel_id: w.channels[0],
                    text: "x".into(),
                }],
                ..input(&w, "changed", at("2027-01-06T10:00:00+01:00"))
            },
        )
        .await
        .expect_err("variant of an unchosen channel");
    assert_eq!(err.field(), Some("variants"));
    assert_eq!(
        w.service.get_post(post.id).expect("show").post.text,
        "Rye and spelt today"
    );

    // Once it went out it cannot be edited.
    w.service
        .store
        .lock()
        .expect("lock")
        .connection()
        .execute(
            "UPDATE post_variants SET state = 'published' WHERE post_id = ?1",
            [post.id],
        )
        .expect("publish");
    let err = w
        .service
        .update_post(
            post.id,
            input(&w, "late change", at("2027-01-06T10:00:00+01:00")),
        )
        .await
        .expect_err("sent");
    assert!(err.to_string().contains("cannot be edited"), "{err}");

    w.service.delete_post(post.id).await.expect("delete");
    assert!(
        w.service
            .list_posts(Some(w.workspace))
            .expect("list")
            .is_empty()
    );
    assert!(w.service.delete_post(post.id).await.is_err(), "gone");
}

#[tokio::test]
async fn csv_import_reports_every_bad_row_creates_nothing_then_imports_and_exports() {
    let w = world("Europe/Berlin", "2027-01-04T08:00:00Z");
    let dir = w._tmp.path();
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "time,channels,text,media\n\
         2027-01-05 09:00,bakery,Good row,\n\
         2027-03-28 02:30,bakery,In the DST gap,\n\
         tomorrow,bakery,Bad time,\n\
         2027-01-05 10:00,nobody,Unknown channel,\n\
         2027-01-05 11:00,bakery,With a missing image,missing.png\n\
         2026-12-01 09:00,@cafe,In the past,\n",
    )
    .expect("write");
    let report = w
        .service
        .import_csv(w.workspace, &bad, false)
        .await
        .expect("report");
    assert_eq!(report.rows.len(), 6);
    assert_eq!(report.rows_with_errors, 5);
    assert_eq!(report.created, 0, "one bad row: nothing is created");
    let errors: Vec<(u32, String)> = report
        .rows
        .iter()
        .map(|r| (r.line, r.errors.join(" | ")))
        .collect();
    assert_eq!(errors[0], (2, String::new()));
    assert!(
        errors[1].1.contains("does not exist in Europe/Berlin"),
        "{errors:?}"
    );
    assert!(errors[2].1.contains("is not a date and time"), "{errors:?}");
    assert!(errors[3].1.contains("no channel \"nobody\""), "{errors:?}");
    assert!(errors[4].1.contains("missing.png"), "{errors:?}");
    assert!(errors[5].1.contains("in the past"), "{errors:?}");
    // Channels found are named by handle ("@cafe" is cafe); one not found stays as written.
    assert_eq!(report.rows[5].channels, ["cafe"]);
    assert_eq!(report.rows[3].channels, ["nobody"]);
    assert!(
        w.service
            .list_posts(Some(w.workspace))
            .expect("list")
            .is_empty()
    );

    let good = dir.join("good.csv");
    std::fs::write(
        &good,
        "Text,Channels,Time,Thread,Tags\n\
         \"Two lines,\nwith a comma\",bakery;cafe,2027-01-05 09:00,\"part two\n---\npart three\",Winter; events\n\
         Someday,cafe,,,\n",
    )
    .expect("write");
    let dry = w
        .service
        .import_csv(w.workspace, &good, true)
        .await
        .expect("dry run");
    assert_eq!((dry.rows_with_errors, dry.created), (0, 0));
    assert!(
        w.service
            .list_posts(Some(w.workspace))
            .expect("list")
            .is_empty()
    );
    let done = w
        .service
        .import_csv(w.workspace, &good, false)
        .await
        .expect("import");
    assert_eq!(done.created, 2);
    let first = w
        .service
        .get_post(done.rows[0].post_id.expect("id"))
        .expect("show");
    assert_eq!(first.post.text, "Two lines,\nwith a comma");
    assert_eq!(first.thread, ["part two", "part three"]);
    assert_eq!(first.tags, ["events", "Winter"]);
    assert_eq!(first.post.targets.len(), 2);
    assert_eq!(
        first.post.due_at.as_deref(),
        Some("2027-01-05T08:00:00.000Z")
    );
    let second = w
        .service
        .get_post(done.rows[1].post_id.expect("id"))
        .expect("show");
    assert_eq!(second.post.targets[0].state, TargetState::Draft);

    // Export, then import the export into a fresh workspace: the same posts come back.
    let out = dir.join("export.csv");
    assert_eq!(w.service.export_csv(w.workspace, &out).expect("export"), 2);
    let exported = std::fs::read_to_string(&out).expect("read");
    assert!(
        exported.starts_with("id,time,channels,text,thread,media,alt,status,tags\n"),
        "{exported}"
    );
    assert!(exported.contains("2027-01-05T09:00:00+01:00"), "{exported}");
    let again = world("Europe/Berlin", "2027-01-04T08:00:00Z");
    let copy = again._tmp.path().join("export.csv");
    std::fs::copy(&out, &copy).expect("copy");
    let report = again
        .service
        .import_csv(again.workspace, &copy, false)
        .await
        .expect("reimport");
    assert_eq!(
        (report.rows_with_errors, report.created),
        (0, 2),
        "{report:?}"
    );
    let reimported = again
        .service
        .get_post(report.rows[0].post_id.expect("id"))
        .expect("show");
    assert_eq!(reimported.post.text, first.post.text);
    assert_eq!(reimported.thread, first.thread);
    assert_eq!(reimported.tags, first.tags);
    assert_eq!(reimported.post.due_at, first.post.due_at);
}

#[tokio::test]
async fn posts_carry_tags_to_the_calendar_and_tags_stay_editable_after_publishing() {
    let w = world("Europe/Berlin", "2027-03-01T09:00:00Z");
    let post = w
        .service
        .create_post(PostInput {
            tags: vec![
                "Spring menu".into(),
                " spring  MENU".into(),
                "Events".into(),
            ],
            ..input(&w, "Spring menu is out", at("2027-03-03T09:00:00+01:00"))
        })
        .await
        .expect("post");
    let details = w.service.get_post(post.id).expect("details");
    assert_eq!(details.tags, ["Events", "Spring menu"]);
    let month = w
        .service
        .calendar_range(
            w.workspace,
            utc("2027-03-01T00:00:00Z"),
            utc("2027-04-01T00:00:00Z"),
        )
        .expect("range");
    assert_eq!(month[0].tags, ["Events", "Spring menu"]);

    // Refused with the reason; nothing is created.
    let err = w
        .service
        .create_post(PostInput {
            tags: vec!["bread, rolls".into()],
            ..input(&w, "Bad tag", at("2027-03-04T09:00:00+01:00"))
        })
        .await
        .expect_err("comma");
    assert_eq!(err.field(), Some("tags"));
    assert_eq!(
        w.service.list_posts(Some(w.workspace)).expect("list").len(),
        1
    );

    // A post that went out can still be labelled.
    w.store_exec("UPDATE post_variants SET state = 'published'");
    assert_eq!(
        w.service
            .set_post_tags(post.id, &["Campaign A".into()])
            .expect("tag"),
        ["Campaign A"]
    );
    let counts = w.service.post_tags(w.workspace).expect("tags");
    assert_eq!(counts.len(), 1);
    assert_eq!((counts[0].tag.as_str(), counts[0].posts), ("Campaign A", 1));
    let err = w.service.set_post_tags(9999, &[]).expect_err("missing");
    assert_eq!(err.code(), chorus_core::ErrorCode::NotFound);

    // Deleting the post takes its tags with it.
    w.store_exec("UPDATE post_variants SET state = 'scheduled'");
    w.service.delete_post(post.id).await.expect("delete");
    assert!(w.service.post_tags(w.workspace).expect("tags").is_empty());
}
