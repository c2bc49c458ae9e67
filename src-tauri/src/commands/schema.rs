//! The command schema: `commands!` turns one list of declarations (name, arguments, result,
//! what the command changes) into
//! - the Tauri commands themselves, thin wrappers that call the area module's function of the
//!   same name with a [`Ctx`] and the arguments (so the compiler checks the declaration against
//!   the implementation);
//! - the invoke handler ([`handler`](super::handler));
//! - and, for the tests, the [`CommandSpec`]s from which `ui/src/lib/ipc/bindings/commands.ts`
//!   is generated: the typed call of every command and the `Commands` map the fake backend is
//!   typed by.

use crate::error::{IpcError, IpcResult};
use crate::inbox_events::InboxState;
use crate::state::AppState;
use chorus_core::ErrorPayload;
use serde::Serialize;
use tauri::{AppHandle, Manager};
use ts_rs::TS;
#[cfg(test)]
use ts_rs::TypeVisitor;

/// What a command is called with besides its arguments: the app, its state and the inbox.
pub struct Ctx<'a> {
    app: &'a AppHandle,
}

impl<'a> Ctx<'a> {
    pub fn new(app: &'a AppHandle) -> Self {
        Self { app }
    }

    pub fn app(&self) -> &'a AppHandle {
        self.app
    }

    pub fn state(&self) -> &'a AppState {
        self.app.state::<AppState>().inner()
    }

    /// Runs a blocking service call off the main thread (see [`AppState::with_service`]).
    pub async fn with_service<T, F>(&self, work: F) -> IpcResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&chorus_core::service::Service) -> Result<T, chorus_core::CoreError>
            + Send
            + 'static,
    {
        self.state().with_service(work).await
    }

    /// Runs blocking storage work off the main thread (see [`AppState::with_store`]).
    pub async fn with_store<T, F>(&self, work: F) -> IpcResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut chorus_core::Store) -> Result<T, chorus_core::CoreError> + Send + 'static,
    {
        self.state().with_store(work).await
    }

    /// The inbox and its job; absent when the database could not be opened.
    pub fn inbox(&self) -> IpcResult<&'a InboxState> {
        match self.app.try_state::<InboxState>() {
            Some(state) => Ok(state.inner()),
            None => Err(IpcError::from(ErrorPayload::internal(
                "the inbox is not running: the database could not be opened (see the log)"
                    .to_owned(),
            ))),
        }
    }
}

/// What a command may change, so the UI knows what to load again after it succeeded
/// (invalidation tags). Background changes arrive as events instead (`chorus://publish`,
/// `chorus://inbox-new`).
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Topic {
    Workspaces,
    Preferences,
    Channels,
    Posts,
    Media,
    Inbox,
    Publishing,
}

/// One declared command, for generating its TypeScript call.
#[cfg(test)]
pub struct CommandSpec {
    pub name: &'static str,
    pub docs: &'static [&'static str],
    pub args: Vec<(&'static str, TsType)>,
    pub result: TsType,
    pub changes: &'static [Topic],
}

/// A Rust type as TypeScript sees it: its name there and the bindings it needs imported.
#[cfg(test)]
pub struct TsType {
    pub name: String,
    pub imports: Vec<String>,
}

#[cfg(test)]
impl TsType {
    pub fn of<T: TS + 'static + ?Sized>() -> Self {
        let cfg = ts_rs::Config::from_env();
        let name = T::name(&cfg);
        // The bindings the name itself mentions (dependencies() also lists their fields' types).
        let words: Vec<&str> = name
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .collect();
        struct Exported<'a>(&'a ts_rs::Config, Vec<String>);
        impl ts_rs::TypeVisitor for Exported<'_> {
            fn visit<U: TS + 'static + ?Sized>(&mut self) {
                if let Some(dep) = ts_rs::Dependency::from_ty::<U>(self.0) {
                    self.1.push(dep.ts_name);
                }
                U::visit_generics(self);
            }
        }
        let mut found = Exported(&cfg, Vec::new());
        found.visit::<T>();
        T::visit_dependencies(&mut found);
        let mut imports: Vec<String> = found
            .1
            .into_iter()
            .filter(|dep| words.contains(&dep.as_str()))
            .collect();
        imports.sort_unstable();
        imports.dedup();
        Self { name, imports }
    }
}

/// Declares the commands; see the module docs. Each line is
/// `name(arg: Type, …) -> Result;` or, for a command that changes something the UI shows,
/// `name(…) -> Result => [Topic, …];`, inside a block named after the area module that
/// implements it (`pub async fn name(cx: &Ctx<'_>, arg: Type, …) -> IpcResult<Result>`).
macro_rules! commands {
    ($(
        $module:ident {
            $(
                $(#[doc = $doc:literal])*
                $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $ret:ty $(=> [$($topic:ident),*])? ;
            )*
        }
    )*) => {
        /// The Tauri commands, as declared.
        mod declared {
            use crate::error::IpcResult;
            #[allow(unused_imports)]
            use super::*;
            $($(
                $(#[doc = $doc])*
                #[tauri::command]
                pub async fn $name(app: tauri::AppHandle, $($arg: $ty),*) -> IpcResult<$ret> {
                    super::$module::$name(&super::schema::Ctx::new(&app), $($arg),*).await
                }
            )*)*
        }

        /// The invoke handler of every declared command.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($(declared::$name),*),*]
        }

        /// Every declared command, for generating the TypeScript side.
        #[cfg(test)]
        pub fn specs() -> Vec<schema::CommandSpec> {
            vec![$($(
                schema::CommandSpec {
                    name: stringify!($name),
                    docs: &[$($doc),*],
                    args: vec![$((stringify!($arg), schema::TsType::of::<$ty>())),*],
                    result: schema::TsType::of::<$ret>(),
                    changes: &[$($(schema::Topic::$topic),*)?],
                },
            )*)*]
        }
    };
}
pub(crate) use commands;

/// `create_post` → `createPost`, as Tauri names arguments and as the UI names calls.
#[cfg(test)]
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `import type` lines for the bindings these types mention.
#[cfg(test)]
pub fn render_imports<'a>(types: impl Iterator<Item = &'a TsType>) -> String {
    let names: std::collections::BTreeSet<&str> = types
        .flat_map(|ty| ty.imports.iter().map(String::as_str))
        .collect();
    names
        .into_iter()
        .map(|name| format!("import type {{ {name} }} from \"./{name}\";\n"))
        .collect()
}

/// Rust doc lines as a JSDoc comment, indented.
#[cfg(test)]
pub fn render_doc(docs: &[&str], indent: &str) -> String {
    if docs.is_empty() {
        return String::new();
    }
    let mut out = format!("{indent}/**\n");
    for line in docs {
        match line.strip_prefix(' ').unwrap_or(line) {
            "" => out.push_str(&format!("{indent} *\n")),
            line => out.push_str(&format!("{indent} * {line}\n")),
        }
    }
    out.push_str(&format!("{indent} */\n"));
    out
}

/// The text of `bindings/commands.ts`.
#[cfg(test)]
pub fn render(specs: &[CommandSpec]) -> String {
    use std::fmt::Write;

    let mut out = String::from(
        "// Generated from src-tauri/src/commands/mod.rs (commands::tests::export_bindings_commands). Do not edit.\n\
         import { call } from \"../call\";\n",
    );
    out.push_str(&render_imports(
        specs
            .iter()
            .flat_map(|s| s.args.iter().map(|(_, ty)| ty).chain([&s.result])),
    ));
    out.push_str(
        "\n/** Every command: its arguments as sent (camelCase) and its result. */\nexport interface Commands {\n",
    );
    for spec in specs {
        let args: Vec<String> = spec
            .args
            .iter()
            .map(|(name, ty)| format!("{}: {}", camel_case(name), ty.name))
            .collect();
        let args = if args.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            format!("{{ {} }}", args.join("; "))
        };
        writeln!(
            out,
            "  {}: {{ args: {args}; result: {} }};",
            spec.name, spec.result.name
        )
        .expect("writing to a String");
    }
    out.push_str("}\n\nexport type CommandName = keyof Commands;\n\n");
    out.push_str("/** Every command's name, in the order declared. */\nexport const COMMAND_NAMES: readonly CommandName[] = [\n");
    for spec in specs {
        writeln!(out, "  \"{}\",", spec.name).expect("writing to a String");
    }
    out.push_str("];\n");
    for spec in specs {
        out.push('\n');
        out.push_str(&render_doc(spec.docs, ""));
        // Trailing optional arguments may be left out (they are sent as null).
        let required = spec
            .args
            .iter()
            .rposition(|(_, ty)| !ty.name.ends_with(" | null"))
            .map_or(0, |i| i + 1);
        let params: Vec<String> = spec
            .args
            .iter()
            .enumerate()
            .map(|(i, (name, ty))| {
                let default = if i >= required { " = null" } else { "" };
                format!("{}: {}{default}", camel_case(name), ty.name)
            })
            .collect();
        let names: Vec<String> = spec.args.iter().map(|(n, _)| camel_case(n)).collect();
        let topics: Vec<String> = spec
            .changes
            .iter()
            .map(|t| serde_json::to_string(t).expect("topic"))
            .collect();
        let changes = if topics.is_empty() {
            String::new()
        } else {
            format!(", [{}]", topics.join(", "))
        };
        writeln!(
            out,
            "export function {}({}): Promise<{}> {{\n  return call(\"{}\", {{{}}}{changes});\n}}",
            camel_case(spec.name),
            params.join(", "),
            spec.result.name,
            spec.name,
            if names.is_empty() {
                String::new()
            } else {
                format!(" {} ", names.join(", "))
            },
        )
        .expect("writing to a String");
    }
    out
}
