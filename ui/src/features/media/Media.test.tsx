import { emit } from "@tauri-apps/api/event";
import { mockWindows } from "@tauri-apps/api/mocks";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { channel, post, target, type FakeBackend } from "../../test/fakeBackend";
import { libraryItem, type FakeImageFile } from "../../test/fakeMedia";
import { renderShell } from "../../test/renderShell";

const CROISSANT: FakeImageFile = {
  sha256: "a".repeat(64),
  mimeType: "image/jpeg",
  byteSize: 4_200_000,
  width: 4000,
  height: 3000,
  metadata: ["location (GPS)", "camera details (EXIF)"],
};
const LOGO: FakeImageFile = { sha256: "b".repeat(64), mimeType: "image/png", byteSize: 20_000, width: 400, height: 200, metadata: [] };
const BAGUETTE: FakeImageFile = { sha256: "c".repeat(64), mimeType: "image/jpeg", byteSize: 2_000_000, width: 3000, height: 4000, metadata: [] };

/** Acme's library: a croissant photo used by a scheduled post, and the logo. */
function seed(b: FakeBackend) {
  const bsky = channel(7, "bluesky", "acme.bsky.social");
  b.channels = [bsky, channel(8, "mastodon", "@acme@mastodon.social")];
  b.posts = [post(40, "Fresh croissants every morning at eight", [target(1, bsky, "scheduled")], { dueAt: "2026-12-20T08:00:00Z" })];
  b.media.files = {
    "/photos/croissant.jpg": CROISSANT,
    "/photos/logo.png": LOGO,
    "/photos/baguette.jpg": BAGUETTE,
    "/photos/croissant-copy.jpg": CROISSANT,
    "/photos/house.heic": { ...BAGUETTE, sha256: "d".repeat(64), unreadable: "HEIC is not supported yet; export as JPEG" },
  };
  b.media.items = [
    libraryItem(11, 1, "croissant.jpg", CROISSANT, { tags: ["pastry"], altText: "" }),
    libraryItem(12, 1, "logo.png", LOGO, { tags: ["brand"], altText: "Acme Coffee logo" }),
  ];
  b.media.uses = { 11: [40] };
}

async function openMedia(setup: (b: FakeBackend) => void = seed) {
  const shell = await renderShell(setup);
  await shell.user.keyboard("{Control>}6{/Control}");
  const page = screen.getByTestId("media");
  await within(page).findByTestId("media-item-11");
  return { ...shell, page };
}

describe("media library", () => {
  it("opens with Ctrl+6 from the sidebar's Media item and lists the library", async () => {
    const { page } = await openMedia();
    expect(page).toBeVisible();
    expect(screen.getByTestId("nav-media")).toHaveAttribute("aria-current", "page");
    const card = within(page).getByTestId("media-item-11");
    expect(card).toHaveTextContent("4000 × 3000 · JPEG · 4.2 MB");
    expect(card).toHaveTextContent("No alt text");
    expect(card).toHaveTextContent("Used in 1 post");
    // The photo carries GPS: its card says publishing removes the location; the logo's does not.
    expect(card).toHaveTextContent("Location removed when published");
    expect(within(page).getByTestId("media-item-12")).not.toHaveTextContent("No alt text");
    expect(within(page).getByTestId("media-item-12")).not.toHaveTextContent("Location removed");
  });

  it("imports picked files and says which were already in the library", async () => {
    const { backend, user, page } = await openMedia();
    backend.pickedFiles = ["/photos/baguette.jpg", "/photos/croissant-copy.jpg"];
    await user.click(within(page).getByRole("button", { name: "Import images" }));
    expect(await within(page).findByTestId("media-notice")).toHaveTextContent(
      "Added baguette.jpg. croissant.jpg was already in the library (stored once).",
    );
    expect(backend.argsOf("import_media")).toEqual([
      { workspaceId: 1, paths: ["/photos/baguette.jpg", "/photos/croissant-copy.jpg"] },
    ]);
    expect(await within(page).findAllByText("baguette.jpg")).not.toHaveLength(0);
    expect(within(page).getAllByRole("listitem").filter((li) => li.classList.contains("media-card"))).toHaveLength(3);
  });

  it("shows the backend's refusal for a file it cannot read", async () => {
    const { backend, user, page } = await openMedia();
    backend.pickedFiles = ["/photos/house.heic"];
    await user.click(within(page).getByRole("button", { name: "Import images" }));
    expect(await within(page).findByRole("alert")).toHaveTextContent(
      "/photos/house.heic cannot be used: HEIC is not supported yet; export as JPEG",
    );
  });

  it("imports files dropped on the window", async () => {
    mockWindows("main");
    const { page } = await openMedia();
    // The section subscribes once it is shown.
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    await act(() => emit("tauri://drag-enter", { paths: ["/photos/baguette.jpg"], position: { x: 10, y: 10 } }));
    await act(() => emit("tauri://drag-drop", { paths: ["/photos/baguette.jpg"], position: { x: 10, y: 10 } }));
    expect(await within(page).findByTestId("media-notice")).toHaveTextContent("Added baguette.jpg.");
  });

  it("searches and filters by tag chips; adds and removes tags", async () => {
    const { backend, user, page } = await openMedia();
    await user.click(within(page).getByRole("button", { name: "#brand" }));
    expect(within(page).queryByTestId("media-item-11")).not.toBeInTheDocument();
    expect(within(page).getByRole("button", { name: "#brand" })).toHaveAttribute("aria-pressed", "true");
    await user.click(within(page).getByRole("button", { name: "#brand" }));

    await user.type(within(page).getByLabelText("Search images"), "logo");
    await waitFor(() => expect(within(page).queryByTestId("media-item-11")).not.toBeInTheDocument());
    expect(backend.argsOf("list_media").at(-1)).toEqual({ workspaceId: 1, search: "logo" });
    await user.clear(within(page).getByLabelText("Search images"));

    const card = await within(page).findByTestId("media-item-11");
    await user.type(within(card).getByLabelText("Add a tag to croissant.jpg"), "#Morning{Enter}");
    expect(await within(card).findByText("#morning")).toBeInTheDocument();
    expect(backend.argsOf("add_media_tags")).toEqual([{ mediaId: 11, tags: ["#Morning"] }]);
    await user.click(within(card).getByRole("button", { name: "Remove tag pastry" }));
    await waitFor(() => expect(within(card).queryByText("#pastry")).not.toBeInTheDocument());
  });

  it("lists the posts using an image and opens one; refuses the delete naming the post", async () => {
    const { user, page } = await openMedia();
    const card = within(page).getByTestId("media-item-11");
    await user.click(within(card).getByRole("button", { name: "Used in 1 post" }));
    const uses = await within(card).findByRole("list", { name: "Posts using croissant.jpg" });
    expect(uses).toHaveTextContent("Fresh croissants every morning at eight");
    expect(uses).toHaveTextContent("scheduled for");

    await user.click(within(card).getByRole("button", { name: "Delete" }));
    await user.click(within(card).getByRole("button", { name: "Delete croissant.jpg" }));
    expect(await within(card).findByRole("alert")).toHaveTextContent(
      'croissant.jpg is used by post 40 ("Fresh croissants every morning at eight", scheduled for 2026-12-20T08:00:00Z); remove it from the post first',
    );
    expect(within(page).getByTestId("media-item-11")).toBeInTheDocument();

    await user.click(within(uses).getByRole("button", { name: "Fresh croissants every morning at eight" }));
    expect(await screen.findByRole("dialog")).toBeInTheDocument();
  });

  it("deletes an image no post uses", async () => {
    const { backend, user, page } = await openMedia();
    const card = within(page).getByTestId("media-item-12");
    await user.click(within(card).getByRole("button", { name: "Delete" }));
    await user.click(within(card).getByRole("button", { name: "Delete logo.png" }));
    await waitFor(() => expect(within(page).queryByTestId("media-item-12")).not.toBeInTheDocument());
    expect(backend.argsOf("delete_media")).toEqual([{ mediaId: 12 }]);
  });
});

describe("image editor", () => {
  async function openEditor() {
    const shell = await openMedia();
    await shell.user.click(within(shell.page).getByRole("button", { name: "Edit croissant.jpg" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit croissant.jpg" });
    return { ...shell, dialog };
  }

  it("crops to 4:5, nudges with the keyboard and saves the recipe", async () => {
    const { backend, user, dialog } = await openEditor();
    expect(within(dialog).getByTestId("crop-size")).toHaveTextContent("Crop 4000 × 3000 px of 4000 × 3000");
    await user.click(within(dialog).getByRole("radio", { name: /4:5/ }));
    expect(within(dialog).getByTestId("crop-size")).toHaveTextContent("Crop 2400 × 3000 px");

    // Smaller from the bottom-right corner (aspect kept), then moved right with the keyboard.
    const corner = within(dialog).getByRole("button", { name: "Crop corner, bottom right: arrow keys resize" });
    corner.focus();
    await user.keyboard("{Shift>}{ArrowUp}{/Shift}");
    expect(within(dialog).getByTestId("crop-size")).toHaveTextContent("Crop 2160 × 2700 px");
    within(dialog).getByTestId("crop-rect").focus();
    await user.keyboard("{ArrowRight}{ArrowRight}");

    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(backend.argsOf("set_media_recipe")).toHaveLength(1));
    const { mediaId, recipe } = backend.argsOf("set_media_recipe")[0] as { mediaId: number; recipe: { crop: { aspect: string; x: number; y: number; width: number; height: number } } };
    expect(mediaId).toBe(11);
    expect(recipe.crop.aspect).toBe("4:5");
    expect((recipe.crop.width * 4000) / (recipe.crop.height * 3000)).toBeCloseTo(0.8, 3);
    expect(recipe.crop.x).toBeCloseTo(0.2 + 0.02, 4);
    expect(recipe.crop.y).toBeCloseTo(0, 4);
    expect(recipe.crop.height).toBeCloseTo(0.9, 4);
  });

  it("stores rotation, flips, straighten, adjustments and a filter; Reset goes back to the original", async () => {
    const { backend, user, dialog } = await openEditor();
    await user.click(within(dialog).getByRole("button", { name: "Rotate 90°" }));
    expect(within(dialog).getByTestId("crop-size")).toHaveTextContent("of 3000 × 4000");
    await user.click(within(dialog).getByRole("button", { name: "Flip horizontal" }));
    expect(within(dialog).getByRole("button", { name: "Flip horizontal" })).toHaveAttribute("aria-pressed", "true");
    fireEvent.change(within(dialog).getByLabelText("Straighten"), { target: { value: "-4.5" } });
    fireEvent.change(within(dialog).getByLabelText("Warmth"), { target: { value: "30" } });
    await user.click(within(dialog).getByRole("radio", { name: "Golden" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(backend.argsOf("set_media_recipe")).toHaveLength(1));
    expect(backend.argsOf("set_media_recipe")[0].recipe).toEqual({
      crop: null,
      rotate: 90,
      flipHorizontal: true,
      flipVertical: false,
      straighten: -4.5,
      brightness: 0,
      contrast: 0,
      saturation: 0,
      warmth: 0.3,
      filter: "golden",
      watermark: false,
      text: null,
    });
    await user.click(within(dialog).getByRole("button", { name: "Reset" }));
    expect(within(dialog).getByTestId("crop-size")).toHaveTextContent("of 4000 × 3000");
    expect(within(dialog).getByLabelText("Warmth")).toHaveValue("0");
  });

  it("saves alt text and shows its error without losing what was typed", async () => {
    const { backend, user, dialog } = await openEditor();
    const alt = within(dialog).getByLabelText("Alt text");
    expect(within(dialog).getByText(/No alt text: people using screen readers/)).toBeInTheDocument();
    await user.type(alt, "Six croissants on a tray");
    backend.fail.set_media_alt = { code: "validation", field: "alt", message: "alt text is limited to 2000 characters" };
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(await within(dialog).findByText("alt text is limited to 2000 characters")).toBeInTheDocument();
    expect(alt).toHaveValue("Six croissants on a tray");
    expect(alt).toHaveAttribute("aria-invalid", "true");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(backend.argsOf("set_media_alt").at(-1)).toEqual({ mediaId: 11, alt: "Six croissants on a tray" }));
  });

  it("asks before Escape throws away unsaved edits", async () => {
    const { user, dialog } = await openEditor();
    await user.type(within(dialog).getByLabelText("Alt text"), "Croissants");
    await user.keyboard("{Escape}");
    expect(within(dialog).getByText("This image has unsaved edits.")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Keep editing" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Keep editing" }));
    expect(within(dialog).getByLabelText("Alt text")).toHaveValue("Croissants");
    // The dialog's own close button asks too.
    await user.click(within(dialog).getAllByRole("button", { name: "Close" })[0]);
    await user.click(within(dialog).getByRole("button", { name: "Discard edits" }));
    expect(screen.queryByRole("dialog", { name: "Edit croissant.jpg" })).not.toBeInTheDocument();
  });

  it("shows what each channel receives and that location and camera data are removed", async () => {
    const { backend, dialog } = await openEditor();
    const outputs = await within(dialog).findByTestId("media-outputs");
    expect(backend.argsOf("render_media_preview")[0]).toEqual({ mediaId: 11, targets: ["bluesky", "mastodon"] });
    expect(outputs).toHaveTextContent("acme.bsky.social (Bluesky): 2000 × 1500 px, JPEG");
    expect(outputs).toHaveTextContent("@acme@mastodon.social (Mastodon): 3326 × 2494 px, JPEG");
    expect(within(dialog).getByTestId("media-stripped")).toHaveTextContent(
      "Removed when published: location (GPS), camera details (EXIF).",
    );
  });

  it("sets text on the image, previewed with the renderer's font and layout, and refuses it empty", async () => {
    const { backend, user, dialog } = await openEditor();
    await user.click(within(dialog).getByRole("checkbox", { name: "Add text" }));
    // Empty text is not saved: the field says why.
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    expect(within(dialog).getByRole("alert")).toHaveTextContent("Write the text to put on the image");
    expect(backend.argsOf("set_media_recipe")).toEqual([]);

    await user.type(within(dialog).getByLabelText("Text"), "Fresh today{Enter}from 7");
    await user.click(within(dialog).getByRole("radio", { name: "Top right" }));
    const preview = within(dialog).getByTestId("media-result-text");
    expect(preview).toHaveTextContent("Fresh today from 7");
    expect(preview.style.fontFamily).toContain("Chorus Overlay");
    expect(preview.style.lineHeight).toBe("1.164");
    expect(preview.style.textAlign).toBe("right");
    expect(preview.style.background).toContain("rgba(0, 0, 0, 0.45)");
    await user.click(within(dialog).getByRole("checkbox", { name: "Dark band behind" }));
    expect(preview.style.background).toBe("transparent");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() =>
      expect(backend.argsOf("set_media_recipe").at(-1)?.recipe).toMatchObject({
        text: { text: "Fresh today\nfrom 7", position: "topRight", size: 0.06, color: "#ffffff", backdrop: false },
      }),
    );

    // The next image's text starts from that style: the workspace keeps it.
    await user.click(within(screen.getByTestId("media")).getByRole("button", { name: "Edit logo.png" }));
    const next = await screen.findByRole("dialog", { name: "Edit logo.png" });
    await user.click(within(next).getByRole("checkbox", { name: "Add text" }));
    expect(within(next).getByRole("radio", { name: "Top right" })).toBeChecked();
    expect(within(next).getByRole("checkbox", { name: "Dark band behind" })).not.toBeChecked();
    expect(within(next).getByLabelText("Text")).toHaveValue("");
  });

  it("offers the watermark once the workspace has one", async () => {
    const { backend, user, dialog } = await openEditor();
    expect(within(dialog).getByRole("checkbox", { name: "Brand watermark" })).toBeDisabled();
    await user.keyboard("{Escape}");
    const page = screen.getByTestId("media");
    await user.click(within(page).getByText("Watermark"));
    await user.selectOptions(within(page).getByLabelText("Logo"), "logo.png");
    await user.click(within(page).getByRole("button", { name: "Save watermark" }));
    await waitFor(() =>
      expect(backend.argsOf("set_watermark")).toEqual([
        { workspaceId: 1, settings: { mediaId: 12, position: "bottomRight", size: 0.15, opacity: 0.8 } },
      ]),
    );
    await user.click(within(page).getByRole("button", { name: "Edit croissant.jpg" }));
    const again = await screen.findByRole("dialog", { name: "Edit croissant.jpg" });
    const box = within(again).getByRole("checkbox", { name: "Brand watermark" });
    expect(box).toBeEnabled();
    await user.click(box);
    await user.click(within(again).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(backend.argsOf("set_media_recipe").at(-1)?.recipe).toMatchObject({ watermark: true }));
  });
});
