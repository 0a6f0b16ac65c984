import { readFileSync } from "node:fs";

// A process's resident memory (Linux /proc), split into what the heap and other anonymous
// memory hold and what is mapped files (code, shared libraries), which the kernel can drop.

export type Memory = { rssMb: number; anonMb: number; fileMb: number };

export function processMemory(pid: number): Memory {
  try {
    const field = (text: string, name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? Number.NaN) / 1024;
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return {
      rssMb: field(status, "VmRSS"),
      anonMb: field(status, "RssAnon"),
      fileMb: field(status, "RssFile") + field(status, "RssShmem"),
    };
  } catch {
    return { rssMb: Number.NaN, anonMb: Number.NaN, fileMb: Number.NaN };
  }
}

/** The process and everything it started (a server that forks workers counts them all). */
export function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      for (const task of readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, "utf8").split(/\s+/).filter(Boolean))
        pids.push(Number(task));
    } catch {
      // gone already
    }
  }
  return pids;
}
