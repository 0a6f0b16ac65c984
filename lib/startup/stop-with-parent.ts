// `npm start` runs `next start` as its child over an IPC channel. If `npm start` dies without
// passing a signal on (SIGKILL, or tsx's signal relay giving up on a busy machine and killing
// it), nothing else would tell this process, which would keep serving as an orphan. The
// channel closing does: shut down exactly as on SIGTERM.

export function stopWithParent(): void {
  if (!process.send || !process.connected) return;
  process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
  // The channel must not keep the server alive by itself.
  process.channel?.unref();
}
