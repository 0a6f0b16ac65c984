import { z } from "zod";
import { idPath } from "@/lib/http/common-schemas";
import { healthResponse, retryMediaResponse, versionResponse } from "@/lib/http/system-responses";
import { mediaVariantQuery } from "@/lib/read/api-schemas";
import { importBody } from "@/lib/sync/import-body";
import type { RouteDocs } from "../operation";

// Media, sync with Sendblue, and what operators and schedulers call.

const loose = z.looseObject({});

export const operationsRoutes: RouteDocs = {
  "GET /api/media/{id}": {
    tag: "Media",
    summary: "Our copy of an attachment (supports Range)",
    auth: ["bearer", "session"],
    params: idPath,
    query: mediaVariantQuery,
    responses: {
      200: { description: "The bytes", contentType: "application/octet-stream" },
      206: { description: "A byte range", contentType: "application/octet-stream" },
      302: { description: "Not kept (yet): redirect to Sendblue's link" },
    },
    errors: [404, 416],
  },
  "GET /api/media/{id}/vcard": {
    tag: "Media",
    summary: "A contact-card attachment, parsed",
    auth: ["bearer", "session"],
    params: idPath,
    responses: { 200: { description: "Name, numbers, emails", schema: loose } },
    errors: [404, 422],
  },
  "POST /api/media/{id}/retry": {
    tag: "Media",
    summary: "Put a failed or expired attachment back in the mirror queue",
    auth: ["bearer", "session"],
    params: idPath,
    responses: { 202: { description: "Queued", schema: retryMediaResponse } },
    errors: [404, 409],
  },
  "GET /api/media/queue": {
    tag: "Media",
    summary: "The media mirror queue's state",
    auth: ["bearer", "session"],
    responses: { 200: { description: "Counts and recent failures", schema: loose } },
  },
  "GET /api/media/sweep": {
    tag: "Schedulers",
    summary: "Copy due media (cron; Vercel Cron sends GET)",
    auth: ["cronSecret"],
    responses: { 200: { description: "What was copied", schema: loose } },
  },
  "POST /api/media/sweep": {
    tag: "Schedulers",
    summary: "Copy due media (cron)",
    auth: ["cronSecret"],
    responses: { 200: { description: "What was copied", schema: loose } },
  },
  "GET /api/sync": {
    tag: "Sync",
    summary: "Sync with Sendblue: import progress, last reconcile pass, the stream",
    auth: ["bearer", "session"],
    responses: { 200: { description: "Sync status", schema: loose } },
  },
  "POST /api/sync/import": {
    tag: "Sync",
    summary: "Start a history import (owners)",
    auth: ["bearer", "session"],
    body: importBody,
    responses: {
      200: { description: "The import already queued or running", schema: loose },
      202: { description: "Queued", schema: loose },
    },
    errors: [403],
  },
  "GET /api/sync/run": {
    tag: "Schedulers",
    summary: "A reconcile pass and part of a queued import (cron)",
    auth: ["cronSecret"],
    responses: { 200: { description: "What ran", schema: loose } },
  },
  "POST /api/sync/run": {
    tag: "Schedulers",
    summary: "A reconcile pass and part of a queued import (cron)",
    auth: ["cronSecret"],
    responses: { 200: { description: "What ran", schema: loose } },
  },
  "GET /api/health": {
    tag: "System",
    summary: "Liveness and database reachability (no auth)",
    auth: ["none"],
    responses: {
      200: { description: "Up", schema: healthResponse },
      503: { description: "The database is down", schema: healthResponse },
    },
  },
  "GET /api/version": {
    tag: "System",
    summary: "Which build is running",
    auth: ["bearer", "session"],
    responses: { 200: { description: "Name and version", schema: versionResponse } },
  },
  "GET /api/events/stream": {
    tag: "System",
    summary: "Live inbox events (server-sent events) for as long as the caller stays signed in",
    auth: ["session", "bearer"],
    responses: { 200: { description: "`data:` lines, one JSON inbox event each", contentType: "text/event-stream" } },
  },
  "GET /api/metrics": {
    tag: "System",
    summary: "Prometheus metrics (text exposition format) for a scraper",
    description:
      "This process's counters and histograms, then the database's gauges. METRICS_TOKEN opens this route and no other; API tokens and a session work too.",
    auth: ["metricsToken", "bearer", "session"],
    responses: { 200: { description: "Metrics", contentType: "text/plain; version=0.0.4; charset=utf-8" } },
  },
  "GET /api/openapi.json": {
    tag: "System",
    summary: "This document (OpenAPI 3.1)",
    auth: ["none"],
    responses: { 200: { description: "The OpenAPI description", schema: loose } },
  },
};
