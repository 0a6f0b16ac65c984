import { describe, expect, it } from "vitest";
import { buildSnippet } from "@/lib/search/snippet";

const marked = (parts: { text: string; mark: boolean }[]) => parts.filter((p) => p.mark).map((p) => p.text);

describe("buildSnippet", () => {
  it("marks whole matching words regardless of case and accents", () => {
    const parts = buildSnippet("Le CAFÉ est fermé, cafeteria open", [{ text: "cafe", prefix: false }]);
    expect(marked(parts)).toEqual(["CAFÉ"]);
    expect(parts.map((p) => p.text).join("")).toBe("Le CAFÉ est fermé, cafeteria open");
  });

  it("marks every word starting with a prefix", () => {
    expect(marked(buildSnippet("Delivered! delivery is late; redeliver", [{ text: "deliv", prefix: true }]))).toEqual([
      "Delivered",
      "delivery",
    ]);
  });

  it("cuts long text around the first match with ellipses", () => {
    const long = `${"lorem ipsum ".repeat(40)}the parcel arrived ${"dolor sit ".repeat(40)}`;
    const parts = buildSnippet(long, [{ text: "parcel", prefix: false }]);
    expect(parts[0]).toEqual({ text: "…", mark: false });
    expect(parts.at(-1)).toEqual({ text: "…", mark: false });
    expect(marked(parts)).toEqual(["parcel"]);
    expect(parts.map((p) => p.text).join("").length).toBeLessThan(200);
  });

  it("returns the text unmarked when nothing matches (phone searches)", () => {
    expect(buildSnippet("hello\nthere", [])).toEqual([{ text: "hello there", mark: false }]);
  });
});
