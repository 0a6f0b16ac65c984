import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DELETE as deleteRoute, PATCH as patchRoute } from "@/app/api/saved-replies/[replyId]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/saved-replies/route";
import { env } from "@/lib/env";
import { agentName, fillVariables, unfilledVariables } from "@/lib/saved-replies/fill-variables";
import { call } from "../support/route-call";

// Saved replies over the API (team-wide CRUD, names unique in any case, bodies kept with
// their {{variables}}), and how the composer fills the variables.

const auto = env().INBOX_API_TOKEN!;
const unique = (prefix: string) => `${prefix} ${randomBytes(3).toString("hex")}`;

describe("saved replies API", () => {
  it("creates, lists, edits and deletes saved replies", async () => {
    const name = unique("Greeting");
    const made = await call(createRoute, {
      method: "POST",
      bearer: auto,
      body: { name, body: "Hi {{first_name}}, {{agent_name}} here." },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ id: expect.any(Number), name, body: "Hi {{first_name}}, {{agent_name}} here." });
    expect((await call(listRoute, { bearer: auto })).body.savedReplies).toContainEqual(made.body);

    const dup = await call(createRoute, {
      method: "POST",
      bearer: auto,
      body: { name: name.toUpperCase(), body: "x" },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toMatch(/^name:/);
    const empty = await call(createRoute, { method: "POST", bearer: auto, body: { name: unique("e"), body: "  " } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^body:/);
    const long = await call(createRoute, {
      method: "POST",
      bearer: auto,
      body: { name: unique("l"), body: "x".repeat(18_997) },
    });
    expect(long.body.error.message).toMatch(/^body:.*18,996/);

    const params = { replyId: String(made.body.id) };
    const edited = await call(patchRoute, {
      method: "PATCH",
      bearer: auto,
      params,
      body: { body: "Hello {{first_name}}" },
    });
    expect(edited.body).toMatchObject({ id: made.body.id, name, body: "Hello {{first_name}}" });
    expect((await call(patchRoute, { method: "PATCH", bearer: auto, params, body: {} })).status).toBe(400);
    const gone = await deleteRoute(
      new Request("http://inbox.test/x", { method: "DELETE", headers: { authorization: `Bearer ${auto}` } }),
      { params: Promise.resolve(params) },
    );
    expect(gone.status).toBe(204);
    expect((await call(patchRoute, { method: "PATCH", bearer: auto, params, body: { name: "again" } })).status).toBe(
      404,
    );
  });
});

describe("filling saved-reply variables", () => {
  it("fills known values and leaves a missing one as a placeholder the composer refuses to send", () => {
    const text = fillVariables("Hi {{first_name}} {{ last_name }} from {{company}}, {{agent_name}} here. {{unknown}}", {
      first_name: "Grace",
      last_name: "Hopper",
      company: "  ",
      agent_name: agentName({ name: "Ada Lovelace", email: "ada@example.com" }),
    });
    expect(text).toBe("Hi Grace Hopper from {{company}}, Ada Lovelace here. {{unknown}}");
    expect(unfilledVariables(text)).toEqual(["company", "unknown"]);
    expect(unfilledVariables("all filled")).toEqual([]);
    expect(agentName({ name: null, email: "sam@example.com" })).toBe("sam");
  });
});
