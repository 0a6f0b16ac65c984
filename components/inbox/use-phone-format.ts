"use client";

import { useSyncExternalStore } from "react";
import {
  formatPhonesInWith,
  formatPhoneWith,
  type InternationalFormat,
  needsInternational,
  phonesIn,
} from "@/lib/format/phone-format-core";

// lib/format/phone-number.ts's rules for the inbox, whose first load should not carry every
// country's metadata when its numbers are North American: the metadata loads the first time
// a number needs it, and every component that showed such a number as stored shows it
// formatted once it has. The server renders numbers as the first client render will
// (international ones as stored), so hydration matches.

let international: InternationalFormat | null = null;
let loading = false;
const listeners = new Set<() => void>();

function load(): void {
  if (loading) return;
  loading = true;
  void import("@/lib/format/phone-international").then(
    (m) => {
      international = m.formatInternational;
      for (const listener of listeners) listener();
    },
    () => {
      loading = false; // a failed chunk load (offline): the next render asks again
    },
  );
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

export type PhoneFormat = { formatPhone: (value: string) => string; formatPhonesIn: (text: string) => string };

export function usePhoneFormat(): PhoneFormat {
  const ready = useSyncExternalStore(
    subscribe,
    () => international !== null,
    () => false,
  );
  const intl = ready ? international : null;
  return {
    formatPhone: (value) => {
      if (!intl && typeof window !== "undefined" && needsInternational(value)) load();
      return formatPhoneWith(intl, value);
    },
    formatPhonesIn: (text) => {
      if (!intl && typeof window !== "undefined" && phonesIn(text).some(needsInternational)) load();
      return formatPhonesInWith(intl, text);
    },
  };
}
