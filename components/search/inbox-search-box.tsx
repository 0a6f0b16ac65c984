"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { SearchBox } from "./search-box";

/** For the inbox's sidebar: "/" focuses it, Enter opens the search page with the query. */
export function InboxSearchBox() {
  const router = useRouter();
  const [q, setQ] = useState("");
  return (
    <SearchBox
      value={q}
      onChange={setQ}
      placeholder="Search all messages  ( / )"
      onSubmit={(value) => router.push(`/search?${new URLSearchParams({ q: value.trim() })}`)}
    />
  );
}
