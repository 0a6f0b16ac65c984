import { currentUser } from "./current-user";

/** Whether the viewer of a page or layout is signed in (a live, unrevoked session). */
export async function hasPageSession(): Promise<boolean> {
  return (await currentUser()) !== null;
}
