// Resident memory of Denpyo's processes, read from /proc (Linux): each service's RSS, and the
// whole system's PSS (shared pages divided among the processes that share them, so PostgreSQL's
// shared buffers count once, not once per backend).
import { readdirSync, readFileSync } from 'node:fs';

const MiB = 1024;
const field = (text, name) =>
  Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);

export function rssMiB(pid) {
  try {
    return field(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS') / MiB;
  } catch {
    return 0; // gone
  }
}

function pssMiB(pid) {
  try {
    return field(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss') / MiB;
  } catch {
    return 0;
  }
}

/** The process and all its descendants. */
function tree(rootPid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // exited while listed
    }
  }
  const pids = [];
  const visit = (pid) => {
    pids.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(rootPid);
  return pids;
}

/** PSS of a process tree (the embedded PostgreSQL under its runner, for one). */
export const treePssMiB = (rootPid) => tree(rootPid).reduce((sum, pid) => sum + pssMiB(pid), 0);

/** Samples each named process's RSS every `everyMs` until stopped: the peak under load. */
export function sampleRss(processes, everyMs = 100) {
  const peak = Object.fromEntries(processes.map(({ name }) => [name, 0]));
  const timer = setInterval(() => {
    for (const { name, pid } of processes) peak[name] = Math.max(peak[name], rssMiB(pid));
  }, everyMs);
  return () => {
    clearInterval(timer);
    return peak;
  };
}
