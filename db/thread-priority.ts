// A worker thread that takes seconds of CPU (a backup's copy and check, the notification
// sender) lowers its own priority to the lowest, nice 19, so its CPU comes from idle time and
// never from the main thread answering patients. Measured in bench/backup.ts on two busy cores:
// at normal priority the messages that arrived during the copy + check had a p99 8–9× the idle
// one; at nice 19 they stay near idle. Linux only: a thread's id comes from /proc/thread-self,
// and setpriority applies to one thread there; elsewhere the thread keeps normal priority.

interface PriorityApi {
  fs: { readlinkSync(path: string): string };
  os: { setPriority(pid: number, priority: number): void };
}

/** Lowers the calling thread (not the process: the main thread stays as it is) to nice 19. */
export function lowerThreadPriority({ fs, os }: PriorityApi): void {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (tid > 0 && tid !== process.pid) os.setPriority(tid, 19);
  } catch {
    // not Linux: normal priority
  }
}

/** The same, as the first lines of an eval'd CommonJS worker's source. */
export const LOWER_PRIORITY_SOURCE = `(${lowerThreadPriority.toString()})({ fs: require('node:fs'), os: require('node:os') });`;
