import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigurationError } from "../lib/errors/configuration-error.js";
import { problem } from "../lib/options.js";
import { type JournalEntry, type LocalStore, localStore } from "./local-store.js";
import type { UsageStore } from "./store.js";

/** Options of `fileStore`. */
export interface FileStoreOptions {
  /** The log file, created when missing. `<path>.lock` beside it keeps a second process out while it is open. */
  readonly path: string;
  /**
   * Flush every write to the disk (`fsync`) before returning, so that what `add` stored survives a
   * power cut or a kernel crash, at the cost of a disk flush per change. Off by default: each write is
   * in the operating system's page cache when `add` returns, which survives the process being killed
   * (`kill -9`, an out-of-memory kill, a crash) but not the machine going down.
   */
  readonly fsync?: boolean;
}

// The first line of every log: a file without it is not one, and is not touched.
const HEADER = '{"autumnUsageQueue":1}\n';
// Rewritten when it holds this many lines and four times as many as there are live records.
const COMPACT_AFTER_LINES = 1_000;

/**
 * A durable store for one Node process: an append-only log of JSON lines, one per change, written
 * synchronously before the change is made, so that `add` returns only once the event is written.
 * On open the log is replayed; an attempt that was in flight when the process died is treated as
 * possibly recorded, and resent under its key. The log is rewritten (to a temporary file, then
 * renamed over it) when most of its lines are history. One process at a time: a second one is
 * refused with a `ConfigurationError` while the first holds the lock; the lock of a process that
 * died is taken over.
 *
 * Node only (`node:fs`): import it from `@useautumn/sdk/usage-queue/file`.
 *
 * @example
 * ```ts
 * import { createUsageQueue } from "@useautumn/sdk/usage-queue";
 * import { fileStore } from "@useautumn/sdk/usage-queue/file";
 * const usage = createUsageQueue(autumn, { store: fileStore({ path: "/var/lib/app/usage.log" }) });
 * ```
 */
export function fileStore(options: FileStoreOptions): UsageStore {
  const refused = problem(SPEC, options, "options");
  if (refused) throw refused;
  const { path, fsync = false } = options;
  const lockPath = `${path}.lock`;
  lock(path, lockPath);
  let log: Log;
  try {
    log = openLog(path, fsync);
  } catch (error) {
    unlinkSync(lockPath);
    throw error;
  }
  const store: LocalStore = localStore(
    {
      write(entries) {
        // Before these entries are written: the snapshot is the state they change.
        if (log.lines >= COMPACT_AFTER_LINES && log.lines >= 4 * store.size()) log.rewrite(store.snapshot());
        log.append(entries);
      },
    },
    log.entries,
  );
  return {
    ...store,
    close() {
      log.close();
      unlinkSync(lockPath);
      return [];
    },
  };
}

const SPEC = {
  path: [(value: unknown) => typeof value === "string" && value !== "", "a file path"],
  fsync: [(value: unknown) => typeof value === "boolean", "true or false"],
} as const;

interface Log {
  /** What the log held when opened, in order. */
  readonly entries: readonly JournalEntry[];
  /** Lines in the file. */
  readonly lines: number;
  append(entries: readonly JournalEntry[]): void;
  rewrite(entries: readonly JournalEntry[]): void;
  close(): void;
}

function openLog(path: string, fsync: boolean): Log {
  const { entries, validBytes } = read(path);
  let fd = openSync(path, "a");
  // A line cut off by a crash mid-write is dropped, so that the next line starts on a line of its own.
  ftruncateSync(fd, validBytes);
  let bytes = validBytes;
  let lines = entries.length + 1;
  if (bytes === 0) bytes = writeAll(fd, Buffer.from(HEADER), 0, fsync);
  return {
    entries,
    get lines() {
      return lines;
    },
    append(appended) {
      if (appended.length === 0) return;
      bytes = writeAll(fd, Buffer.from(appended.map(line).join("")), bytes, fsync);
      lines += appended.length;
    },
    rewrite(current) {
      const temporary = `${path}.tmp`;
      const out = openSync(temporary, "w");
      let written: number;
      try {
        written = writeAll(out, Buffer.from(HEADER + current.map(line).join("")), 0, fsync);
      } finally {
        closeSync(out);
      }
      // A rename replaces the file whole: a crash leaves either the old log or the new one.
      renameSync(temporary, path);
      if (fsync) syncDirectory(path);
      closeSync(fd);
      fd = openSync(path, "a");
      bytes = written;
      lines = current.length + 1;
    },
    close: () => closeSync(fd),
  };
}

function line(entry: JournalEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

/**
 * Writes `buffer` at the end of the file (`bytes` long), whole or not at all: a write that fails
 * half-way (a full disk) is cut back, so that no broken line is left between good ones. The new length.
 */
function writeAll(fd: number, buffer: Buffer, bytes: number, fsync: boolean): number {
  try {
    for (let offset = 0; offset < buffer.length; ) offset += writeSync(fd, buffer, offset);
    if (fsync) fsyncSync(fd);
  } catch (error) {
    try {
      ftruncateSync(fd, bytes);
    } catch {}
    throw error;
  }
  return bytes + buffer.length;
}

/** The entries of the log at `path` (none when it does not exist) and the length of its whole lines. */
function read(path: string): { entries: JournalEntry[]; validBytes: number } {
  let content: Buffer;
  try {
    content = readFileSync(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return { entries: [], validBytes: 0 };
    throw new ConfigurationError({ setting: "path", message: `Cannot read the usage queue log ${path}`, cause: error });
  }
  const validBytes = content.lastIndexOf(0x0a) + 1;
  const lines = content.subarray(0, validBytes).toString("utf8").split("\n").slice(0, -1);
  if (content.length > 0 && `${lines[0]}\n` !== HEADER) {
    throw new ConfigurationError({ setting: "path", message: `${path} is not a usage queue log; it was left as it is` });
  }
  const entries = lines.slice(1).map((text, index) => {
    try {
      return JSON.parse(text) as JournalEntry;
    } catch (cause) {
      throw new ConfigurationError({ setting: "path", message: `The usage queue log ${path} is damaged at line ${index + 2}`, cause });
    }
  });
  for (const entry of entries) {
    // Its holder was a process that has ended: the lease is over, the attempt's outcome unknown.
    if ("e" in entry && entry.e.holder !== undefined) entry.e.leaseUntil = 0;
  }
  return { entries, validBytes };
}

/** Takes `<path>.lock` for this process, or throws naming the process that holds it. */
function lock(path: string, lockPath: string): void {
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "EEXIST") {
        throw new ConfigurationError({ setting: "path", message: `Cannot create the lock file ${lockPath}`, cause: error });
      }
    }
    const holder = Number(readFileSync(lockPath, "utf8"));
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
      throw new ConfigurationError({ setting: "path", message: `${path} is in use by process ${holder}: one process at a time may open a file store` });
    }
    // The process that held it has ended (a crash, a kill): its lock is taken over.
    unlinkSync(lockPath);
  }
  throw new ConfigurationError({ setting: "path", message: `Cannot take the lock file ${lockPath}` });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as { code?: unknown }).code === "EPERM";
  }
}

function syncDirectory(path: string): void {
  const fd = openSync(dirname(path), "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
