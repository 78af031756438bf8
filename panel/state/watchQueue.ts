// The queue of clips waiting to be rated on import (watch mode), kept in localStorage like the
// settings so a panel reload (or a Premiere restart) loses none of them: a clip that was being
// rated when the panel went away is waiting again. Pure data and its persistence.

import type { Verdict } from '../../extension/contracts/report';
import type { ClipListing } from '../../host-scripts/contract';
import { storeJson } from './settings';
import type { KeyValueStorage } from './settings';

export const WATCH_STORAGE_KEY = 'cliptriage.panel.watchQueue/1';
/** Finished entries kept for the list; older ones are dropped first (waiting ones never). */
export const KEEP_FINISHED = 100;

export type WatchStatus = 'waiting' | 'rating' | 'rated' | 'error' | 'skipped';

export interface WatchEntry {
  nodeId: string;
  name: string;
  mediaPath: string;
  treePath: string;
  footageTag: string | null;
  status: WatchStatus;
  /** Plain words for an error or a skip; null otherwise. */
  message: string | null;
  verdict: Verdict | null;
  quality: number | null;
  addedAt: number;
}

export interface WatchQueue {
  entries: WatchEntry[];
  paused: boolean;
}

export const EMPTY_QUEUE: WatchQueue = { entries: [], paused: false };

const STATUSES: WatchStatus[] = ['waiting', 'rating', 'rated', 'error', 'skipped'];

export function entryFromListing(c: ClipListing, now: number): WatchEntry {
  return { nodeId: c.nodeId, name: c.name, mediaPath: c.mediaPath, treePath: c.treePath, footageTag: c.footageTag, status: 'waiting', message: null, verdict: null, quality: null, addedAt: now };
}

/** Adds clips not already waiting or being rated; a clip imported again after it finished is queued again. */
export function enqueue(q: WatchQueue, clips: WatchEntry[]): WatchQueue {
  const active = new Set(q.entries.filter((e) => e.status === 'waiting' || e.status === 'rating').map((e) => e.nodeId));
  const fresh: WatchEntry[] = [];
  for (const c of clips) {
    if (active.has(c.nodeId)) continue;
    active.add(c.nodeId);
    fresh.push(c);
  }
  const kept = q.entries.filter((e) => !fresh.some((f) => f.nodeId === e.nodeId));
  return trim({ ...q, entries: kept.concat(fresh) });
}

export function update(q: WatchQueue, nodeId: string, patch: Partial<WatchEntry>): WatchQueue {
  return trim({ ...q, entries: q.entries.map((e) => (e.nodeId === nodeId ? { ...e, ...patch } : e)) });
}

export function nextWaiting(q: WatchQueue): WatchEntry | null {
  return q.entries.find((e) => e.status === 'waiting') ?? null;
}

export function counts(q: WatchQueue): Record<WatchStatus, number> {
  const c = { waiting: 0, rating: 0, rated: 0, error: 0, skipped: 0 };
  for (const e of q.entries) c[e.status]++;
  return c;
}

function trim(q: WatchQueue): WatchQueue {
  const finished = q.entries.filter((e) => e.status !== 'waiting' && e.status !== 'rating');
  if (finished.length <= KEEP_FINISHED) return q;
  const drop = new Set(finished.slice(0, finished.length - KEEP_FINISHED));
  return { ...q, entries: q.entries.filter((e) => !drop.has(e)) };
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** Reads what was stored; anything unreadable is dropped, an interrupted rating waits again. */
export function loadQueue(storage: KeyValueStorage | null): WatchQueue {
  if (!storage) return EMPTY_QUEUE;
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(WATCH_STORAGE_KEY) ?? 'null');
  } catch {
    return EMPTY_QUEUE;
  }
  const r = (raw && typeof raw === 'object' ? raw : {}) as { entries?: unknown; paused?: unknown };
  const entries: WatchEntry[] = [];
  for (const x of Array.isArray(r.entries) ? r.entries : []) {
    const e = (x && typeof x === 'object' ? x : {}) as Record<string, unknown>;
    const nodeId = str(e.nodeId);
    const mediaPath = str(e.mediaPath);
    if (!nodeId || mediaPath === null) continue;
    const status = STATUSES.includes(e.status as WatchStatus) ? (e.status as WatchStatus) : 'waiting';
    entries.push({
      nodeId,
      name: str(e.name) ?? nodeId,
      mediaPath,
      treePath: str(e.treePath) ?? '',
      footageTag: str(e.footageTag),
      status: status === 'rating' ? 'waiting' : status,
      message: str(e.message),
      verdict: e.verdict === 'usable' || e.verdict === 'check' || e.verdict === 'unusable' ? e.verdict : null,
      quality: typeof e.quality === 'number' && Number.isFinite(e.quality) ? e.quality : null,
      addedAt: typeof e.addedAt === 'number' ? e.addedAt : 0,
    });
  }
  return { entries, paused: r.paused === true };
}

/** False when the storage refused (full, disabled): the queue still works this session. */
export function saveQueue(storage: KeyValueStorage | null, q: WatchQueue): boolean {
  return storeJson(storage, WATCH_STORAGE_KEY, q);
}
