import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The browser's one API module: one error type from `{ error: { code, message } }`, and one
// answer to a 401 (sign-in, coming back to this page), which a signal never gives and a
// caller that shows its own prompt holds back. Run against a stubbed fetch and location.

type Client = typeof import("@/components/shell/api-client");

let assigned: string[];
let answer: () => Response;

async function freshClient(): Promise<Client> {
  vi.resetModules(); // the module remembers a navigation it started
  return import("@/components/shell/api-client");
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

beforeEach(() => {
  assigned = [];
  answer = () => json(200, { ok: true });
  vi.stubGlobal("window", {
    location: { pathname: "/", search: "?c=12&tab=open", assign: (url: string) => assigned.push(url) },
  });
  vi.stubGlobal("fetch", async () => answer());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe("api-client", () => {
  it("answers JSON, and an error as ApiError with the API's code and words", async () => {
    const { ApiError, getJson, requestJson } = await freshClient();
    expect(await getJson("/api/x")).toEqual({ ok: true });
    answer = () => json(422, { error: { code: "bad_thing", message: "That is not right" } });
    const error = await getJson("/api/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: "bad_thing",
      message: "That is not right",
      apiMessage: "That is not right",
    });
    answer = () => new Response("<html>proxy</html>", { status: 504 });
    await expect(requestJson("/api/x", { failed: "Search failed" })).rejects.toMatchObject({
      status: 504,
      code: null,
      message: "Search failed (504)",
    });
    expect(assigned).toEqual([]);
  });

  it("sends a lapsed session to sign-in once, with this page to come back to", async () => {
    const { getJson, sendJson } = await freshClient();
    answer = () => json(401, { error: { code: "unauthorized", message: "Sign in" } });
    await expect(getJson("/api/conversations")).rejects.toMatchObject({ status: 401 });
    await expect(sendJson("/api/labels", "POST", { name: "x" })).rejects.toMatchObject({ status: 401 });
    expect(assigned).toEqual([`/sign-in?next=${encodeURIComponent("/?c=12&tab=open")}`]);
  });

  it("leaves the page to a caller that asks to sign in itself, and never navigates for a signal", async () => {
    const { apiFetch, getJson, sendSignal, signInHref } = await freshClient();
    answer = () => json(401, { error: { code: "unauthorized", message: "Sign in" } });
    await sendSignal("/api/conversations/12/typing", { state: "start" });
    expect(assigned).toEqual([]);
    expect(
      (await apiFetch("/api/conversations/12/replies", { method: "POST", body: {}, onSignedOut: "ask" })).status,
    ).toBe(401);
    await expect(getJson("/api/conversations/12/messages")).rejects.toMatchObject({ status: 401 });
    expect(assigned).toEqual([]);
    expect(signInHref()).toBe("/sign-in?next=%2F%3Fc%3D12%26tab%3Dopen");
  });

  it("a signal never rejects, answered or not", async () => {
    const { sendSignal } = await freshClient();
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(sendSignal("/api/mentions/read", { all: true })).resolves.toBeUndefined();
  });
});
