use crate::Cli;
use crate::output::print_json;
use anyhow::bail;
use chorus_core::SystemClock;
use chorus_core::inbox::{Inbox, InboxFilter, InboxItem, InboxKind, InboxStatus, InboxUpdate};
use clap::Subcommand;
use std::sync::Arc;

#[derive(Debug, Subcommand)]
pub enum InboxCommand {
    /// Fetch new mentions, replies, quotes and comments from every channel (or one).
    Sync {
        #[arg(long)]
        channel: Option<i64>,
    },
    /// One list across all channels, newest first, grouped by conversation.
    List {
        /// Only unread items.
        #[arg(long)]
        unread: bool,
        #[arg(long)]
        channel: Option<i64>,
        /// mention, reply, quote or comment.
        #[arg(long)]
        kind: Option<String>,
        /// unread, read, open, done or starred.
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        /// Full-text search over the text and the author.
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Reply to an item in its thread on its network.
    Reply {
        id: i64,
        #[arg(long, required_unless_present = "saved")]
        text: Option<String>,
        /// A saved reply's id, its variables filled in from the item.
        #[arg(long, conflicts_with = "text")]
        saved: Option<i64>,
    },
    /// Mark an item done (--undo: open again).
    Done {
        id: i64,
        #[arg(long)]
        undo: bool,
    },
    /// Mark an item read (--undo: unread again).
    Read {
        id: i64,
        #[arg(long)]
        undo: bool,
    },
    /// Star an item (--undo: unstar).
    Star {
        id: i64,
        #[arg(long)]
        undo: bool,
    },
    /// Assign an item to a teammate ("" to clear).
    Assign { id: i64, name: String },
    /// Tag an item (--remove to untag).
    Tag {
        id: i64,
        tag: String,
        #[arg(long)]
        remove: bool,
    },
    /// Like (Bluesky), favourite (Mastodon) or react to (Nostr) an item.
    Like { id: i64 },
    /// How many items are unread.
    Unread {
        #[arg(long)]
        channel: Option<i64>,
    },
    /// Saved replies: list, or add one with --name and --body (variables {name}, {handle}, {network}).
    Saved {
        #[arg(long, requires = "body")]
        name: Option<String>,
        #[arg(long, requires = "name")]
        body: Option<String>,
        /// Delete the saved reply with this id.
        #[arg(long, conflicts_with_all = ["name", "body"])]
        delete: Option<i64>,
    },
}

fn inbox(cli: &Cli) -> anyhow::Result<Inbox> {
    let (_dir, store) = super::open(cli)?;
    Ok(Inbox::new(
        Arc::new(std::sync::Mutex::new(store)),
        Arc::new(SystemClock),
        chorus_core::secrets::default_store(),
    ))
}

fn line(item: &InboxItem) -> String {
    let flags = format!(
        "{}{}{}",
        if item.read { ' ' } else { '*' },
        if item.done { 'D' } else { ' ' },
        if item.starred { 'S' } else { ' ' },
    );
    let text: String = item.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text: String = text.chars().take(100).collect();
    format!(
        "{:>6} {flags} {} {:<8} {:<7} {} (@{}): {text}",
        item.id,
        item.created_at,
        item.network.as_str(),
        item.kind.as_str(),
        item.author_name,
        item.author_handle,
    )
}

fn parse_kind(kind: Option<&str>) -> anyhow::Result<Option<InboxKind>> {
    kind.map(|k| {
        InboxKind::parse(k).ok_or_else(|| {
            anyhow::anyhow!("--kind {k:?}: use one of mention, reply, quote, comment")
        })
    })
    .transpose()
}

fn parse_status(status: Option<&str>, unread: bool) -> anyhow::Result<Option<InboxStatus>> {
    match (status, unread) {
        (Some(_), true) => bail!("--unread and --status cannot be used together"),
        (None, true) => Ok(Some(InboxStatus::Unread)),
        (None, false) => Ok(None),
        (Some(s), false) => InboxStatus::parse(s).map(Some).ok_or_else(|| {
            anyhow::anyhow!("--status {s:?}: use one of unread, read, open, done, starred")
        }),
    }
}

fn mark(inbox: &Inbox, id: i64, change: InboxUpdate) -> anyhow::Result<InboxItem> {
    inbox.update(&[id], &change)?;
    Ok(inbox.get(id)?)
}

pub async fn run(cli: &Cli, cmd: &InboxCommand) -> anyhow::Result<()> {
    let inbox = inbox(cli)?;
    let item = match cmd {
        InboxCommand::Sync { channel } => {
            let reports = inbox.sync(*channel).await?;
            if cli.json {
                return print_json(&reports);
            }
            for report in &reports {
                match &report.error {
                    Some(error) => println!("channel {}: FAILED: {error}", report.channel_id),
                    None => println!(
                        "channel {}: {} new ({} fetched)",
                        report.channel_id,
                        report.new_items.len(),
                        report.fetched
                    ),
                }
            }
            if reports.iter().any(|r| r.error.is_some()) {
                bail!("some channels could not be synced");
            }
            return Ok(());
        }
        InboxCommand::List {
            unread,
            channel,
            kind,
            status,
            tag,
            search,
            limit,
            offset,
        } => {
            let listing = inbox.list(&InboxFilter {
                channel_id: *channel,
                kind: parse_kind(kind.as_deref())?,
                status: parse_status(status.as_deref(), *unread)?,
                tag: tag.clone(),
                assignee: None,
                search: search.clone(),
                limit: Some(*limit),
                offset: Some(*offset),
            })?;
            if cli.json {
                return print_json(&listing);
            }
            if listing.conversations.is_empty() {
                println!("nothing in the inbox matches");
            }
            for conversation in &listing.conversations {
                for (i, item) in conversation.items.iter().enumerate() {
                    let indent = if i == 0 { "" } else { "  ↳" };
                    println!("{indent}{}", line(item));
                }
            }
            if listing.has_more {
                println!("(more: --offset {})", offset + limit);
            }
            return Ok(());
        }
        InboxCommand::Reply { id, text, saved } => {
            let text = match (text, saved) {
                (Some(text), _) => text.clone(),
                (None, Some(saved)) => inbox.render_reply_template(*saved, *id)?,
                (None, None) => bail!("give the reply with --text or --saved ID"),
            };
            let reply = inbox.reply(*id, &text).await?;
            if cli.json {
                return print_json(&reply);
            }
            println!(
                "replied to {id}: {}",
                reply.remote_url.or(reply.remote_id).unwrap_or_default()
            );
            return Ok(());
        }
        InboxCommand::Done { id, undo } => mark(
            &inbox,
            *id,
            InboxUpdate {
                done: Some(!undo),
                ..Default::default()
            },
        )?,
        InboxCommand::Read { id, undo } => mark(
            &inbox,
            *id,
            InboxUpdate {
                read: Some(!undo),
                ..Default::default()
            },
        )?,
        InboxCommand::Star { id, undo } => mark(
            &inbox,
            *id,
            InboxUpdate {
                starred: Some(!undo),
                ..Default::default()
            },
        )?,
        InboxCommand::Assign { id, name } => mark(
            &inbox,
            *id,
            InboxUpdate {
                assignee: Some(name.clone()),
                ..Default::default()
            },
        )?,
        InboxCommand::Tag { id, tag, remove } => {
            if *remove {
                inbox.remove_tag(*id, tag)?
            } else {
                inbox.add_tag(*id, tag)?
            }
        }
        InboxCommand::Like { id } => {
            inbox.like(*id).await?;
            inbox.get(*id)?
        }
        InboxCommand::Unread { channel } => {
            let count = inbox.unread_count(*channel)?;
            if cli.json {
                return print_json(&serde_json::json!({ "unread": count }));
            }
            println!("{count}");
            return Ok(());
        }
        InboxCommand::Saved { name, body, delete } => {
            if let Some(id) = delete {
                inbox.delete_reply_template(*id)?;
            } else if let (Some(name), Some(body)) = (name, body) {
                inbox.save_reply_template(None, name, body)?;
            }
            let all = inbox.saved_replies()?;
            if cli.json {
                return print_json(&all);
            }
            for saved in &all {
                println!("{:>4} {}: {}", saved.id, saved.name, saved.body);
            }
            return Ok(());
        }
    };
    if cli.json {
        return print_json(&item);
    }
    println!("{}", line(&item));
    Ok(())
}
