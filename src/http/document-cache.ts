import type { DocumentNode } from 'graphql';

/**
 * Heap bytes a parsed document holds, estimated: its source text, plus graphql-js's AST, whose
 * nodes, locations and token list cost a few hundred bytes per token (measured: ~360 for a
 * token-dense document, 110 times its source length). The token list is walked once, on insert.
 */
const BYTES_PER_TOKEN = 400;

export function documentBytes(source: string, document: DocumentNode | Error): number {
  let tokens = 0;
  if (!(document instanceof Error)) {
    for (let token = document.loc?.startToken ?? null; token; token = token.next) {
      tokens++;
    }
  }
  return source.length * 2 + tokens * BYTES_PER_TOKEN;
}

/**
 * A least-recently-used map bounded in estimated bytes instead of entries, for yoga's parse cache.
 * yoga's default keeps 1,024 documents for an hour whatever their size: distinct 35 KB documents
 * fill that with ~2 MB each, enough to exhaust a 1 GiB heap. Here a flood of distinct documents
 * only evicts older entries; the heap the cache holds never passes `maxBytes`.
 */
export class ByteBoundedCache<V extends DocumentNode | Error> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    /** Entries larger than this are never kept (one huge document must not flush the rest). */
    private readonly maxEntryBytes = maxBytes / 8,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    // Map keeps insertion order: re-inserting marks the entry as the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    const bytes = documentBytes(key, value);
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= previous.bytes;
    }
    if (bytes > this.maxEntryBytes) {
      return;
    }
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) {
        break;
      }
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }
}
