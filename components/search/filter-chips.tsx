"use client";

import type { SearchFilters } from "./search-params";
import { formatPhone, formatPhonesIn } from "@/lib/format/phone-number";

// Filter chips: each is a small control that looks "on" when set. Line and contact
// choices come from what the results have shown so far (plus the current choice).

const chip = (active: boolean) =>
  `inline-flex items-center gap-1 rounded-full border px-3 py-1 text-xs font-medium transition-colors ${
    active
      ? "border-blue-500 bg-blue-50 text-blue-700 dark:border-blue-400 dark:bg-blue-500/15 dark:text-blue-200"
      : "border-zinc-300 bg-white text-zinc-600 hover:border-zinc-400 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
  }`;
const select = "cursor-pointer bg-transparent outline-none [&>option]:text-zinc-900";

export type ContactOption = { number: string; title: string };

export function FilterChips({
  filters,
  onChange,
  lines,
  contacts,
}: {
  filters: SearchFilters;
  onChange: (filters: SearchFilters) => void;
  lines: string[];
  contacts: ContactOption[];
}) {
  const set = <K extends keyof SearchFilters>(key: K, value: SearchFilters[K] | "") =>
    onChange({ ...filters, [key]: value === "" ? undefined : value });
  const any = Object.values(filters).some((v) => v !== undefined);
  return (
    <div className="flex flex-wrap items-center gap-2" aria-label="Filters">
      <label className={chip(!!filters.line)}>
        <span>Line</span>
        <select aria-label="Line" className={select} value={filters.line ?? ""} onChange={(e) => set("line", e.target.value)}>
          <option value="">any</option>
          {unique([filters.line, ...lines]).map((l) => (
            <option key={l} value={l}>
              {formatPhone(l)}
            </option>
          ))}
        </select>
      </label>
      <label className={chip(!!filters.contact)}>
        <span>Contact</span>
        <select aria-label="Contact" className={`${select} max-w-40`} value={filters.contact ?? ""} onChange={(e) => set("contact", e.target.value)}>
          <option value="">anyone</option>
          {filters.contact && !contacts.some((c) => c.number === filters.contact) && (
            <option value={filters.contact}>{formatPhone(filters.contact)}</option>
          )}
          {contacts.map((c) => (
            <option key={c.number} value={c.number}>
              {c.title === c.number ? formatPhone(c.number) : `${formatPhonesIn(c.title)} (${formatPhone(c.number)})`}
            </option>
          ))}
        </select>
      </label>
      <label className={chip(!!filters.service)}>
        <span>Service</span>
        <select aria-label="Service" className={select} value={filters.service ?? ""} onChange={(e) => set("service", e.target.value as SearchFilters["service"] | "")}>
          <option value="">any</option>
          <option value="iMessage">iMessage</option>
          <option value="SMS">SMS</option>
          <option value="RCS">RCS</option>
        </select>
      </label>
      <label className={chip(!!filters.direction)}>
        <span>Direction</span>
        <select aria-label="Direction" className={select} value={filters.direction ?? ""} onChange={(e) => set("direction", e.target.value as SearchFilters["direction"] | "")}>
          <option value="">both</option>
          <option value="inbound">received</option>
          <option value="outbound">sent</option>
        </select>
      </label>
      <button type="button" aria-pressed={!!filters.media} className={chip(!!filters.media)} onClick={() => set("media", filters.media ? undefined : true)}>
        Has media
      </button>
      <span className={chip(!!(filters.from || filters.to))}>
        <label className="flex items-center gap-1">
          From
          <input type="date" aria-label="From date" className={`${select} dark:[color-scheme:dark]`} value={filters.from ?? ""} max={filters.to} onChange={(e) => set("from", e.target.value)} />
        </label>
        <label className="flex items-center gap-1">
          to
          <input type="date" aria-label="To date" className={`${select} dark:[color-scheme:dark]`} value={filters.to ?? ""} min={filters.from} onChange={(e) => set("to", e.target.value)} />
        </label>
      </span>
      {any && (
        <button type="button" className="text-xs text-zinc-500 underline-offset-2 hover:underline dark:text-zinc-400" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </div>
  );
}

function unique(xs: (string | undefined)[]): string[] {
  return [...new Set(xs.filter((x): x is string => !!x))];
}
