use crate::Cli;
use crate::output::print_json;
use chorus_core::planning::slots::{PostingSlot, SlotInput};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum SlotsCommand {
    /// Every channel's weekly posting slots (in the workspace's local time).
    List {
        #[arg(long)]
        workspace: Option<i64>,
    },
    /// Replace a channel's slots: e.g. `chorus slots set 2 tue@09:00 thu@09:00`; none clears.
    Set { channel: i64, slots: Vec<String> },
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn parse_slot(text: &str) -> anyhow::Result<SlotInput> {
    let (day, time) = text.split_once('@').ok_or_else(|| {
        anyhow::anyhow!("\"{text}\" is not a slot; write DAY@HH:MM, e.g. tue@09:00")
    })?;
    let day = day.trim().to_ascii_lowercase();
    let weekday = DAYS
        .iter()
        .position(|d| day.starts_with(d))
        .ok_or_else(|| anyhow::anyhow!("\"{day}\" is not a weekday (mon, tue, ... sun)"))?;
    Ok(SlotInput {
        weekday: weekday as u8 + 1,
        time: time.trim().to_owned(),
    })
}

fn print_slots(slots: &[PostingSlot]) {
    if slots.is_empty() {
        println!("No posting slots. Add some: chorus slots set CHANNEL tue@09:00 thu@09:00");
    }
    for s in slots {
        let day = DAYS
            .get(usize::from(s.weekday.saturating_sub(1)))
            .unwrap_or(&"?");
        println!("channel {:<4} {day} {}", s.channel_id, s.time);
    }
}

pub async fn run(cli: &Cli, cmd: &SlotsCommand) -> anyhow::Result<()> {
    let service = super::service(cli)?;
    let slots = match cmd {
        SlotsCommand::List { workspace } => {
            service.posting_slots(super::workspace_id(&service, *workspace)?)?
        }
        SlotsCommand::Set { channel, slots } => {
            let wanted = slots
                .iter()
                .map(|s| parse_slot(s))
                .collect::<anyhow::Result<Vec<_>>>()?;
            service.set_posting_slots(*channel, &wanted)?
        }
    };
    if cli.json {
        return print_json(&slots);
    }
    print_slots(&slots);
    Ok(())
}
