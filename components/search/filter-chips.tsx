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
      <SelectChip
        label="Line"
        value={filters.line}
        anyText="any"
        options={unique([filters.line, ...lines]).map((l) => [l, formatPhone(l)])}
        onChange={(v) => set("line", v)}
      />
      <SelectChip
        label="Contact"
        className="max-w-40"
        value={filters.contact}
        anyText="anyone"
        options={[
          ...(filters.contact && !contacts.some((c) => c.number === filters.contact)
            ? [[filters.contact, formatPhone(filters.contact)] as const]
            : []),
          ...contacts.map(
            (c) =>
              [
                c.number,
                c.title === c.number ? formatPhone(c.number) : `${formatPhonesIn(c.title)} (${formatPhone(c.number)})`,
              ] as const,
          ),
        ]}
        onChange={(v) => set("contact", v)}
      />
      <SelectChip
        label="Service"
        value={filters.service}
        anyText="any"
        options={[
          ["iMessage", "iMessage"],
          ["SMS", "SMS"],
          ["RCS", "RCS"],
        ]}
        onChange={(v) => set("service", v)}
      />
      <SelectChip
        label="Direction"
        value={filters.direction}
        anyText="both"
        options={[
          ["inbound", "received"],
          ["outbound", "sent"],
        ]}
        onChange={(v) => set("direction", v)}
      />
      <button
        type="button"
        aria-pressed={!!filters.media}
        className={chip(!!filters.media)}
        onClick={() => set("media", filters.media ? undefined : true)}
      >
        Has media
      </button>
      <span className={chip(!!(filters.from || filters.to))}>
        <label className="flex items-center gap-1">
          From
          <input
            type="date"
            aria-label="From date"
            className={`${select} dark:[color-scheme:dark]`}
            value={filters.from ?? ""}
            max={filters.to}
            onChange={(e) => set("from", e.target.value)}
          />
        </label>
        <label className="flex items-center gap-1">
          to
          <input
            type="date"
            aria-label="To date"
            className={`${select} dark:[color-scheme:dark]`}
            value={filters.to ?? ""}
            min={filters.from}
            onChange={(e) => set("to", e.target.value)}
          />
        </label>
      </span>
      {any && (
        <button
          type="button"
          className="text-xs text-zinc-500 underline-offset-2 hover:underline dark:text-zinc-400"
          onClick={() => onChange({})}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}

/** One filter as a chip around a <select>: "on" when it has a value; the first option is "any". */
function SelectChip<V extends string>({
  label,
  value,
  anyText,
  options,
  onChange,
  className = "",
}: {
  label: string;
  value: V | undefined;
  anyText: string;
  options: readonly (readonly [V, string])[];
  onChange: (value: V | "") => void;
  className?: string;
}) {
  return (
    <label className={chip(!!value)}>
      <span>{label}</span>
      <select
        aria-label={label}
        className={`${select} ${className}`.trim()}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value as V | "")}
      >
        <option value="">{anyText}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function unique(xs: (string | undefined)[]): string[] {
  return [...new Set(xs.filter((x): x is string => !!x))];
}
