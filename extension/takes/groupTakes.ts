// Groups near-duplicate takes (one set-up shot several times) from the reports' take signatures,
// and names each group's best take. Pure: the panel calls it over the clips it rated, the tests
// over real reports. Similarity is the pictures (dHash of a few frames, colour histogram); the
// capture time is a secondary cue that can only keep clips apart (takes are shot close together).

import type { TakeSignature } from '../contracts/report';
import type { TakeGroupSettings } from '../contracts/settings';

export interface TakeCandidate {
  key: string;
  /** For ordering takes with the same capture time. */
  name: string;
  quality: number;
  signature: TakeSignature;
}

export interface TakeMembership {
  /** 1-based group number, in order of the groups' first takes. */
  group: number;
  /** 1-based position in its group, by capture time (then name). */
  index: number;
  size: number;
  best: boolean;
}

export interface TakeDistance {
  /** Mean bits (0–64) from each hashed frame to the nearest of the other clip's, the worse direction. */
  hashBits: number;
  /** Hellinger distance of the colour histograms, 0–1. */
  histogram: number;
  /** Minutes between the capture times; null when either is unknown. */
  gapMinutes: number | null;
}

const POPCOUNT = Array.from({ length: 16 }, (_, i) => (i & 1) + ((i >> 1) & 1) + ((i >> 2) & 1) + ((i >> 3) & 1));

function hamming(a: string, b: string): number {
  let bits = 0;
  for (let i = 0; i < 16; i++) bits += POPCOUNT[parseInt(a[i], 16) ^ parseInt(b[i], 16)];
  return bits;
}

function directed(from: string[], to: string[]): number {
  let sum = 0;
  for (const h of from) sum += Math.min(...to.map((t) => hamming(h, t)));
  return sum / from.length;
}

function histogramOf(hex: string): number[] {
  const v: number[] = [];
  for (let i = 0; i < hex.length; i += 2) v.push(parseInt(hex.slice(i, i + 2), 16) / 255);
  return v;
}

function hellinger(a: string, b: string): number {
  const x = histogramOf(a);
  const y = histogramOf(b);
  let dot = 0, nx = 0, ny = 0;
  for (let i = 0; i < x.length; i++) {
    dot += x[i] * y[i];
    nx += x[i] * x[i];
    ny += y[i] * y[i];
  }
  // Stored values are √share, rounded: renormalise so identical histograms are exactly 0.
  const bc = nx && ny ? dot / Math.sqrt(nx * ny) : 0;
  return Math.sqrt(Math.max(0, 1 - bc));
}

function captured(s: TakeSignature): number | null {
  const t = s.capturedAt ? Date.parse(s.capturedAt) : NaN;
  return Number.isFinite(t) ? t : null;
}

export function isSignature(s: unknown): s is TakeSignature {
  const x = s as TakeSignature;
  return !!x && x.v === 1 && Array.isArray(x.hashes) && x.hashes.length > 0 && x.hashes.every((h) => /^[0-9a-f]{16}$/.test(h)) && /^[0-9a-f]{128}$/.test(x.histogram);
}

export function takeDistance(a: TakeSignature, b: TakeSignature): TakeDistance {
  const ta = captured(a);
  const tb = captured(b);
  return {
    hashBits: Math.max(directed(a.hashes, b.hashes), directed(b.hashes, a.hashes)),
    histogram: hellinger(a.histogram, b.histogram),
    gapMinutes: ta === null || tb === null ? null : Math.abs(ta - tb) / 60000,
  };
}

export function sameSetUp(d: TakeDistance, s: TakeGroupSettings): boolean {
  if (s.maxGapMinutes > 0 && d.gapMinutes !== null && d.gapMinutes > s.maxGapMinutes) return false;
  return d.hashBits <= s.maxHashBits && d.histogram <= s.maxHistogramDistance;
}

/** Groups of two or more look-alike takes (single-linkage); clips in no group are left out of the map. */
export function groupTakes(clips: readonly TakeCandidate[], settings: TakeGroupSettings): Map<string, TakeMembership> {
  const order = clips.slice().sort((a, b) => (captured(a.signature) ?? Infinity) - (captured(b.signature) ?? Infinity) || a.name.localeCompare(b.name, undefined, { numeric: true }));
  const parent = order.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      if (root(i) !== root(j) && sameSetUp(takeDistance(order[i].signature, order[j].signature), settings)) parent[root(j)] = root(i);
    }
  }
  const members = new Map<number, number[]>();
  order.forEach((_, i) => {
    const r = root(i);
    members.set(r, [...(members.get(r) ?? []), i]);
  });
  const out = new Map<string, TakeMembership>();
  let group = 0;
  for (const idx of Array.from(members.values()).sort((a, b) => a[0] - b[0])) {
    if (idx.length < 2) continue;
    group++;
    // Best by quality; a tie goes to the earlier take.
    const best = idx.reduce((b, i) => (order[i].quality > order[b].quality ? i : b), idx[0]);
    idx.forEach((i, n) => out.set(order[i].key, { group, index: n + 1, size: idx.length, best: i === best }));
  }
  return out;
}

/** The Take group column's text: "Group 3 · 2 of 4". */
export function takeGroupText(m: TakeMembership): string {
  return `Group ${m.group} · ${m.index} of ${m.size}`;
}
