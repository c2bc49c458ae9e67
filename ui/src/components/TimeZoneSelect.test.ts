import { describe, expect, it } from "vitest";
import { filterTimeZones } from "./TimeZoneSelect";

const ZONES = [
  "America/New_York",
  "America/North_Dakota/New_Salem",
  "Asia/Tokyo",
  "Europe/Berlin",
  "Pacific/Auckland",
  "UTC",
];

describe("filterTimeZones", () => {
  it("matches spaces against underscores, ignoring case", () => {
    expect(filterTimeZones(ZONES, "new york")).toEqual(["America/New_York"]);
    expect(filterTimeZones(ZONES, "BERLIN")).toEqual(["Europe/Berlin"]);
  });

  it("puts zones whose city starts with the query first", () => {
    expect(filterTimeZones(ZONES, "new")).toEqual([
      "America/New_York",
      "America/North_Dakota/New_Salem",
    ]);
    expect(filterTimeZones(ZONES, "ber")).toEqual(["Europe/Berlin"]);
    // A city starting with the query beats one merely containing it.
    expect(filterTimeZones([...ZONES, "America/Anchorage"], "an")).toEqual([
      "America/Anchorage",
      "Pacific/Auckland",
    ]);
  });

  it("returns everything for an empty query and nothing for a miss", () => {
    expect(filterTimeZones(ZONES, "  ")).toEqual(ZONES);
    expect(filterTimeZones(ZONES, "atlantis")).toEqual([]);
  });
});
