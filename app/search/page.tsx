import type { Metadata } from "next";
import { Suspense } from "react";
import { SearchView } from "@/components/search/search-view";

export const metadata: Metadata = { title: "Search · Sendblue Inbox" };

// The view reads its state from the URL (useSearchParams), which needs a Suspense boundary.
export default function SearchPage() {
  return (
    <Suspense fallback={<main className="min-h-0 flex-1" />}>
      <SearchView />
    </Suspense>
  );
}
