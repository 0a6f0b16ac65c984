// A one-line progress bar on stderr that redraws in place on a terminal and prints
// plain lines (every tenth step) when piped, so CI logs stay readable.

export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr) {
  const width = 28;
  const tty = stream.isTTY;
  return {
    update(done: number, label: string) {
      const filled = Math.round((done / total) * width);
      const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
      const line = `${bar} ${String(done).padStart(String(total).length)}/${total}  ${label}`;
      if (tty) {
        const columns = stream.columns ?? 100;
        stream.write(`\r\x1b[2K${line.slice(0, columns - 1)}`);
      } else if (done === total || done % 10 === 0) {
        stream.write(`${line}\n`);
      }
    },
    finish() {
      if (tty) stream.write("\n");
    },
  };
}
