// Every key the inbox answers to, as the `?` dialog (shortcuts-dialog.tsx) lists them.
// tests/inbox/shortcut-list.test.ts reads the inbox's key handlers and fails when one binds
// a key that is not here, so a new shortcut cannot go undocumented.

export const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ["j", "↓"], what: "Next conversation (↓ while the list has focus)" },
  { keys: ["k", "↑"], what: "Previous conversation (↑ while the list has focus)" },
  { keys: ["Home", "End"], what: "First / last conversation, or first / last loaded message" },
  { keys: ["Enter"], what: "Open the conversation; focus goes to its newest message" },
  { keys: ["↑", "↓"], what: "In a thread: previous / next message" },
  { keys: ["r"], what: "Reply: put the cursor in the reply box" },
  { keys: ["Enter"], what: "In the reply box: send; in the note box: save the note" },
  { keys: ["Shift", "Enter"], what: "In the reply or note box: new line" },
  { keys: ["n"], what: "Write an internal note (only your team sees it; @ mentions a member)" },
  { keys: ["l"], what: "Labels of the open conversation: type to filter, Enter puts on or takes off" },
  { keys: ["/"], what: "In the reply box (at the start or after a space): insert a saved reply" },
  {
    keys: ["↑", "↓"],
    what: "In search results as you type, @ and / suggestions, and the label, snooze and assign menus: move; Enter picks",
  },
  { keys: ["Tab"], what: "In @ and / suggestions: pick, as Enter does" },
  {
    keys: ["←", "→"],
    what: "Between the inbox's tabs (Open, Mine…) and between the thread's Assign, Snooze and Done buttons",
  },
  {
    keys: ["Esc"],
    what: "Close a menu, suggestions or search results; leave the reply box (the draft stays); close the thread; close a photo or this list",
  },
  { keys: ["e"], what: "Done (reopen when done): the open conversation, or the selection" },
  { keys: ["s"], what: "Snooze: later today, tomorrow, next week or a date" },
  { keys: ["a"], what: "Assign to a member, or unassign" },
  { keys: ["u"], what: "Mark as unread (for you only)" },
  { keys: ["x"], what: "Select the conversation under the cursor for a bulk action" },
  { keys: ["/"], what: "Search messages" },
  { keys: ["?"], what: "This list" },
  {
    keys: ["Tab"],
    what: "Next area: list, thread, reply box (one stop each); the first Tab on a page offers skip links",
  },
];
