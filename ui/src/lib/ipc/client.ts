import type { AppInfo } from "./bindings/AppInfo";
import type { AttemptLog } from "./bindings/AttemptLog";
import type { CalendarEntry } from "./bindings/CalendarEntry";
import type { CalendarTarget } from "./bindings/CalendarTarget";
import type { CsvImportReport } from "./bindings/CsvImportReport";
import type { CsvRowReport } from "./bindings/CsvRowReport";
import type { Channel } from "./bindings/Channel";
import type { Capabilities } from "./bindings/Capabilities";
import type { ChannelConfig } from "./bindings/ChannelConfig";
import type { ChannelStatus } from "./bindings/ChannelStatus";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { ImageInput } from "./bindings/ImageInput";
import type { IpcError } from "./bindings/IpcError";
import type { NetworkKind } from "./bindings/NetworkKind";
import type { TextCounting } from "./bindings/TextCounting";
import type { NewWorkspace } from "./bindings/NewWorkspace";
import type { PostDetails } from "./bindings/PostDetails";
import type { PostInput } from "./bindings/PostInput";
import type { PostingSlot } from "./bindings/PostingSlot";
import type { PostSummary } from "./bindings/PostSummary";
import type { Preferences } from "./bindings/Preferences";
import type { PublishEvent } from "./bindings/PublishEvent";
import type { PublishingSettings } from "./bindings/PublishingSettings";
import type { SlotInput } from "./bindings/SlotInput";
import type { SlotOccurrence } from "./bindings/SlotOccurrence";
import type { TargetState } from "./bindings/TargetState";
import type { TargetSummary } from "./bindings/TargetSummary";
import type { WhenInput } from "./bindings/WhenInput";
import type { Workspace } from "./bindings/Workspace";
import type { WorkspaceOverview } from "./bindings/WorkspaceOverview";
import type { WorkspaceUpdate } from "./bindings/WorkspaceUpdate";
import type { ComposerState } from "./bindings/ComposerState";
import type { HashtagGroup } from "./bindings/HashtagGroup";
import type { PostImage } from "./bindings/PostImage";
import type { PostTemplate } from "./bindings/PostTemplate";
import type { Snippet } from "./bindings/Snippet";
import type { TagCount } from "./bindings/TagCount";
import type { TagSuggestion } from "./bindings/TagSuggestion";
import type { VariantInput } from "./bindings/VariantInput";
import type { WritingLibrary } from "./bindings/WritingLibrary";

export type {
  AppInfo,
  AttemptLog,
  CalendarEntry,
  Capabilities,
  CalendarTarget,
  CsvImportReport,
  CsvRowReport,
  Channel,
  ChannelConfig,
  ChannelStatus,
  ErrorCode,
  ImageInput,
  IpcError,
  NetworkKind,
  NewWorkspace,
  TextCounting,
  PostDetails,
  PostInput,
  PostingSlot,
  PostSummary,
  Preferences,
  PublishEvent,
  PublishingSettings,
  SlotInput,
  SlotOccurrence,
  TargetState,
  TargetSummary,
  WhenInput,
  Workspace,
  WorkspaceOverview,
  WorkspaceUpdate,
};
export type { Theme } from "./bindings/Theme";
export type {
  ComposerState,
  HashtagGroup,
  PostImage,
  PostTemplate,
  Snippet,
  TagCount,
  TagSuggestion,
  VariantInput,
  WritingLibrary,
};

/** Emitted by the publishing engine with a PublishEvent payload. */
export const PUBLISH_EVENT = EVENTS.publish;

import { EVENTS } from "./events";
export { isIpcError, toIpcError } from "./errors";
export type { Topic } from "./bindings/Topic";
export type { ConnectAnswers } from "./bindings/ConnectAnswers";
export type { ConnectField } from "./bindings/ConnectField";
export type { ConnectInput } from "./bindings/ConnectInput";
export type { ConnectMethod } from "./bindings/ConnectMethod";
export type { FieldKind } from "./bindings/FieldKind";
export type { PreviewStyle } from "./bindings/PreviewStyle";
export type { CommandName, Commands } from "./bindings/commands";
// Every command's typed call (createPost, listInbox, …), generated from the Rust declarations
// in src-tauri/src/commands/mod.rs.
export * from "./bindings/commands";

// The media library and image editor (commands/media.rs). The bindings come from chorus-core's
// media module; the editor's recipe is stored per image and applied when rendering.
export type { AspectPreset } from "./bindings/AspectPreset";
export type { Crop } from "./bindings/Crop";
export type { Filter } from "./bindings/Filter";
export type { LibraryItem } from "./bindings/LibraryItem";
export type { MediaUse } from "./bindings/MediaUse";
export type { Recipe } from "./bindings/Recipe";
export type { RenderPreview } from "./bindings/RenderPreview";
export type { RenderSummary } from "./bindings/RenderSummary";
export type { RenderTarget } from "./bindings/RenderTarget";
export type { WatermarkPosition } from "./bindings/WatermarkPosition";
export type { TextOverlay } from "./bindings/TextOverlay";
export type { WatermarkSettings } from "./bindings/WatermarkSettings";
