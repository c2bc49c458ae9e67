use crate::Cli;
use crate::output::print_json;
use chorus_core::inputs::{ImageInput, PostInput, WhenInput};
use chorus_core::post::{PostDetails, PostSummary};
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum PostCommand {
    /// Create a post for one or more channels, now, at a time, or as a draft.
    Create(Box<CreateArgs>),
    /// List posts with the state of each channel's target.
    List {
        #[arg(long)]
        workspace: Option<i64>,
    },
    /// A post with its targets and its activity log (every attempt, response and error).
    Show { id: i64 },
    /// Try a failed, missed or unconfirmed target again (same idempotency key: no duplicate).
    Retry { target: i64 },
    /// Take a post off the plan: it becomes an unscheduled draft again.
    Unschedule { id: i64 },
    /// Delete a post from Chorus (one that went out stays on the network).
    Delete { id: i64 },
    /// Create posts from a CSV file (columns time, channels, text, and optionally media, alt,
    /// thread). Every row is checked first; nothing is created unless all rows are good.
    Import {
        file: std::path::PathBuf,
        #[arg(long)]
        workspace: Option<i64>,
        /// Only check the rows and report their errors.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write every post of the workspace to a CSV file (it imports again).
    Export {
        file: std::path::PathBuf,
        #[arg(long)]
        workspace: Option<i64>,
    },
    /// Set a post's tags (your own labels, never published); no tags clears them.
    Tag { id: i64, tags: Vec<String> },
    /// The workspace's tags, most used first.
    Tags {
        #[arg(long)]
        workspace: Option<i64>,
    },
    /// Move a post (every channel) to another time; a draft becomes scheduled.
    Reschedule {
        id: i64,
        /// The new time: an RFC 3339 instant, e.g. 2026-12-03T09:30:00+01:00.
        #[arg(long)]
        at: String,
    },
    /// Make a scheduled post repeat: it stays the first post and copies are made for the later
    /// occurrences of the rule (in the workspace's local time from the post's own time).
    Repeat {
        id: i64,
        /// An RFC 5545 rule such as FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10.
        #[arg(long)]
        rule: String,
    },
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[arg(long)]
    workspace: Option<i64>,
    /// Channel id; repeat for several.
    #[arg(long = "channel", required = true)]
    channels: Vec<i64>,
    #[arg(long)]
    text: String,
    /// A further post of a thread; repeat for more.
    #[arg(long = "thread")]
    thread: Vec<String>,
    /// An image file; repeat for more. Pair each with --alt.
    #[arg(long = "image")]
    images: Vec<String>,
    /// Alt text for the image at the same position.
    #[arg(long = "alt")]
    alts: Vec<String>,
    /// When to publish: an RFC 3339 instant, e.g. 2026-12-01T09:30:00+01:00.
    #[arg(long, conflicts_with_all = ["now", "draft", "queue"])]
    at: Option<String>,
    /// At the channels' next free posting slot (see `chorus slots`).
    #[arg(long, conflicts_with_all = ["now", "draft"])]
    queue: bool,
    /// Repeat: an RFC 5545 rule such as FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10, in the workspace's
    /// local time from --at. One post is made per occurrence.
    #[arg(long, requires = "at")]
    repeat: Option<String>,
    #[arg(long, conflicts_with = "draft")]
    now: bool,
    /// Save without scheduling.
    #[arg(long)]
    draft: bool,
    /// Content warning shown before the text.
    #[arg(long)]
    cw: Option<String>,
    /// Language tag, e.g. en.
    #[arg(long)]
    lang: Option<String>,
    /// Hand the post to networks that can schedule it themselves (Mastodon), so it goes out
    /// with this computer off. Needs --at at least 5 minutes ahead and no --thread.
    #[arg(long, requires = "at")]
    on_server: bool,
    /// A tag (your own label, never published); repeat for more.
    #[arg(long = "tag")]
    tags: Vec<String>,
}

pub async fn run(cli: &Cli, cmd: &PostCommand) -> anyhow::Result<()> {
    let service = super::service(cli)?;
    match cmd {
        PostCommand::Create(args) => {
            if args.alts.len() > args.images.len() {
                anyhow::bail!(
                    "there are more --alt texts ({}) than --image files ({})",
                    args.alts.len(),
                    args.images.len()
                );
            }
            let workspace_id = super::workspace_id(&service, args.workspace)?;
            let when = match (&args.at, args.now, args.draft, args.queue) {
                (Some(at), ..) => WhenInput::At { at: at.clone() },
                (None, true, _, _) => WhenInput::Now,
                (None, false, true, _) => WhenInput::Draft,
                (None, false, false, true) => WhenInput::At {
                    at: service
                        .next_free_slot(workspace_id, &args.channels)?
                        .to_rfc3339(),
                },
                (None, false, false, false) => {
                    anyhow::bail!("say when: --at RFC3339, --now, --queue or --draft")
                }
            };
            let input = PostInput {
                workspace_id,
                channel_ids: args.channels.clone(),
                text: args.text.clone(),
                thread: args.thread.clone(),
                images: args
                    .images
                    .iter()
                    .enumerate()
                    .map(|(i, path)| ImageInput {
                        path: path.clone(),
                        alt: args.alts.get(i).cloned().unwrap_or_default(),
                    })
                    .collect(),
                when,
                content_warning: args.cw.clone(),
                language: args.lang.clone(),
                deliver_on_server: args.on_server,
                variants: vec![],
                recurrence: args.repeat.clone(),
                tags: args.tags.clone(),
            };
            let post = service.create_post(input).await?;
            if cli.json {
                return print_json(&post);
            }
            print_summary(&post);
        }
        PostCommand::List { workspace } => {
            let posts = service.list_posts(*workspace)?;
            if cli.json {
                return print_json(&posts);
            }
            if posts.is_empty() {
                println!(
                    "No posts yet. Create one: chorus post create --channel ID --text TEXT --now"
                );
            }
            for p in &posts {
                print_summary(p);
            }
        }
        PostCommand::Show { id } => {
            let details = service.get_post(*id)?;
            if cli.json {
                return print_json(&details);
            }
            print_details(&details);
        }
        PostCommand::Tag { id, tags } => {
            let tags = service.set_post_tags(*id, tags)?;
            if cli.json {
                return print_json(&serde_json::json!({ "post": id, "tags": tags }));
            }
            if tags.is_empty() {
                println!("post {id} has no tags");
            } else {
                println!("post {id} tagged: {}", tags.join(", "));
            }
        }
        PostCommand::Tags { workspace } => {
            let ws = super::workspace_id(&service, *workspace)?;
            let tags = service.post_tags(ws)?;
            if cli.json {
                return print_json(&tags);
            }
            if tags.is_empty() {
                println!("No tags yet. Tag a post: chorus post tag ID TAG...");
            }
            for t in &tags {
                println!("{:<40} {} posts", t.tag, t.posts);
            }
        }
        PostCommand::Unschedule { id } => {
            let post = service.unschedule_post(*id).await?;
            if cli.json {
                return print_json(&post);
            }
            print_summary(&post);
        }
        PostCommand::Delete { id } => {
            service.delete_post(*id).await?;
            if cli.json {
                return print_json(&serde_json::json!({ "deleted": id }));
            }
            println!("post {id} deleted");
        }
        PostCommand::Import {
            file,
            workspace,
            dry_run,
        } => {
            let ws = super::workspace_id(&service, *workspace)?;
            let report = service.import_csv(ws, file, *dry_run).await?;
            if cli.json {
                print_json(&report)?;
            } else {
                for row in &report.rows {
                    let at = row.time.as_deref().unwrap_or("(draft)");
                    match (row.errors.as_slice(), row.post_id) {
                        ([], Some(id)) => {
                            println!("line {:<4} ok     post {id}  {at}  {}", row.line, row.text)
                        }
                        ([], None) => println!("line {:<4} ok     {at}  {}", row.line, row.text),
                        (errors, _) => {
                            println!("line {:<4} ERROR  {}", row.line, row.text);
                            for e in errors {
                                println!("           - {e}");
                            }
                        }
                    }
                }
                println!(
                    "{} rows, {} with errors, {} posts created{}",
                    report.rows.len(),
                    report.rows_with_errors,
                    report.created,
                    if report.dry_run { " (dry run)" } else { "" }
                );
            }
            if report.rows_with_errors > 0 {
                anyhow::bail!(
                    "{} of {} rows have errors; nothing was created",
                    report.rows_with_errors,
                    report.rows.len()
                );
            }
        }
        PostCommand::Export { file, workspace } => {
            let ws = super::workspace_id(&service, *workspace)?;
            let count = service.export_csv(ws, file)?;
            if cli.json {
                return print_json(&serde_json::json!({ "exported": count, "file": file }));
            }
            println!("{count} posts written to {}", file.display());
        }
        PostCommand::Reschedule { id, at } => {
            let at = chorus_core::inputs::parse_instant("at", at)?;
            let post = service.reschedule_post(*id, at).await?;
            if cli.json {
                return print_json(&post);
            }
            print_summary(&post);
        }
        PostCommand::Repeat { id, rule } => {
            let posts = service.repeat_post(*id, rule).await?;
            if cli.json {
                return print_json(&posts);
            }
            for post in &posts {
                print_summary(post);
            }
        }
        PostCommand::Retry { target } => {
            let post = service.retry_target(*target)?;
            if cli.json {
                return print_json(&post);
            }
            print_summary(&post);
        }
    }
    Ok(())
}

fn print_summary(p: &PostSummary) {
    let first_line = p.text.lines().next().unwrap_or("");
    let thread = if p.thread_parts > 0 {
        format!(" (+{} in thread)", p.thread_parts)
    } else {
        String::new()
    };
    println!(
        "post {}  due {}  {first_line}{thread}",
        p.id,
        p.due_at.as_deref().unwrap_or("(draft)")
    );
    for t in &p.targets {
        let mut line = format!(
            "  target {:<4} {:<28} {}",
            t.id,
            format!("{} ({})", t.channel, t.network),
            t.state.as_str()
        );
        if let Some(url) = t.remote_url.as_ref().or(t.remote_id.as_ref()) {
            line.push_str(&format!("  {url}"));
        }
        if !t.last_error.is_empty() {
            line.push_str(&format!("\n      why: {}", t.last_error));
        }
        println!("{line}");
    }
}

fn print_details(d: &PostDetails) {
    print_summary(&d.post);
    println!("text:\n  {}", d.post.text.replace('\n', "\n  "));
    for (i, part) in d.thread.iter().enumerate() {
        println!("thread {}:\n  {}", i + 2, part.replace('\n', "\n  "));
    }
    if !d.tags.is_empty() {
        println!("tags: {}", d.tags.join(", "));
    }
    println!("activity:");
    if d.activity.is_empty() {
        println!("  (no attempts yet)");
    }
    for a in &d.activity {
        let code = a
            .error_code
            .as_deref()
            .map(|c| format!(" [{c}]"))
            .unwrap_or_default();
        println!(
            "  {}  target {}  {}  {}{code}  {}",
            a.started_at, a.target_id, a.channel, a.outcome, a.message
        );
    }
}
