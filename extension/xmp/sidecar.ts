// XMP sidecars: the clip's rating in its own namespace, in a standard `.xmp` packet next to the
// clip (Adobe's convention: `A001.mov` → `A001.xmp`). An existing sidecar is merged into, never
// replaced: only ClipTriage's own properties are swapped, every other byte of the packet stays.
// A sidecar that is not an XMP packet we can merge into is left untouched and reported.

import * as fs from 'fs';
import * as path from 'path';
import type { ClipReport } from '../contracts/report';
import { writeFileAtomic } from '../util/atomic';

export const XMP_NS = 'http://ns.cliptriage.dev/xmp/1.0/';
const PREFIX = 'cliptriage';

/** Sidecar path per Adobe's convention; `exclusive` = another clip in the folder shares the base name. */
export function sidecarPath(clipPath: string, exclusive = true): string {
  const ext = path.extname(clipPath);
  return exclusive && ext ? clipPath.slice(0, -ext.length) + '.xmp' : clipPath + '.xmp';
}

/** Sidecar paths for a set of clips: `name.xmp`, or `name.ext.xmp` where two clips would collide. */
export function sidecarPaths(clipPaths: string[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const p of clipPaths) count.set(sidecarPath(p).toLowerCase(), (count.get(sidecarPath(p).toLowerCase()) ?? 0) + 1);
  return new Map(clipPaths.map((p) => [p, sidecarPath(p, count.get(sidecarPath(p).toLowerCase()) === 1)]));
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Our rdf:Description: readable properties plus the full report entry as JSON. */
export function ratingDescription(clip: ClipReport, engineVersion: string, ratedAt: string): string {
  const p = PREFIX;
  const lines = [
    `  <rdf:Description rdf:about="" xmlns:${p}="${XMP_NS}">`,
    `   <${p}:Verdict>${esc(clip.verdict ?? 'error')}</${p}:Verdict>`,
    `   <${p}:Quality>${clip.quality ?? ''}</${p}:Quality>`,
    `   <${p}:Issues><rdf:Bag>${clip.flags.map((f) => `<rdf:li>${f}</rdf:li>`).join('')}</rdf:Bag></${p}:Issues>`,
  ];
  if (clip.scores) {
    lines.push(`   <${p}:Scores rdf:parseType="Resource">${Object.entries(clip.scores).map(([k, v]) => `<${p}:${k}>${v}</${p}:${k}>`).join('')}</${p}:Scores>`);
  }
  lines.push(
    `   <${p}:Segments><rdf:Seq>${clip.segments
      .map((s) => `<rdf:li rdf:parseType="Resource"><${p}:startSec>${s.startSec}</${p}:startSec><${p}:endSec>${s.endSec}</${p}:endSec><${p}:flags>${s.flags.join(',')}</${p}:flags></rdf:li>`)
      .join('')}</rdf:Seq></${p}:Segments>`,
    `   <${p}:Engine>${esc(engineVersion)}</${p}:Engine>`,
    `   <${p}:RatedAt>${esc(ratedAt)}</${p}:RatedAt>`,
    `   <${p}:Report>${esc(JSON.stringify({ ...clip, path: path.basename(clip.path) }))}</${p}:Report>`,
    '  </rdf:Description>',
  );
  return lines.join('\n');
}

function freshPacket(description: string, engineVersion: string): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    `<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="ClipTriage ${esc(engineVersion)}">`,
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    description,
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
    '',
  ].join('\n');
}

/**
 * Removes ClipTriage's properties wherever a previous run (or a tool that rewrote the packet) left
 * them. A description that held only ours goes entirely; one shared with other namespaces keeps
 * everything that is not ours.
 */
export function stripOurs(xmp: string): string {
  const ns = XMP_NS.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const props = (text: string) =>
    text
      .replace(new RegExp(`[ \\t]*<${PREFIX}:(\\w+)\\b[^>]*?/>[ \\t]*\\r?\\n?`, 'g'), '')
      .replace(new RegExp(`[ \\t]*<${PREFIX}:(\\w+)\\b[^>]*>[\\s\\S]*?</${PREFIX}:\\1>[ \\t]*\\r?\\n?`, 'g'), '')
      .replace(new RegExp(`\\s${PREFIX}:\\w+="[^"]*"`, 'g'), '');
  const description = new RegExp(`([ \\t]*)<rdf:Description\\b([^>]*?)(?:/>|>([\\s\\S]*?)</rdf:Description>)([ \\t]*\\r?\\n?)`, 'g');
  return xmp.replace(description, (whole: string, indent: string, attrs: string, body: string | undefined, trail: string) => {
    if (!new RegExp(`xmlns:${PREFIX}="${ns}"`).test(attrs) && !new RegExp(`<${PREFIX}:|\\s${PREFIX}:\\w+=`).test(whole)) return whole;
    const keptAttrs = props(attrs);
    const keptBody = props(body ?? '');
    const foreignAttrs = keptAttrs.replace(/\s+(rdf:about|xmlns:[\w-]+)="[^"]*"/g, '').trim();
    if (keptBody.trim() === '' && foreignAttrs === '') return '';
    return body === undefined
      ? `${indent}<rdf:Description${keptAttrs}/>${trail}`
      : `${indent}<rdf:Description${keptAttrs}>${keptBody}</rdf:Description>${trail}`;
  });
}

/** The new sidecar text: merged into `existing` when given; null when `existing` is not mergeable XMP. */
export function mergeSidecar(existing: string | null, description: string, engineVersion: string): string | null {
  if (existing === null || existing.trim() === '') return freshPacket(description, engineVersion);
  const stripped = stripOurs(existing);
  const close = stripped.lastIndexOf('</rdf:RDF>');
  if (close < 0 || !/<x:xmpmeta\b|<rdf:RDF\b/.test(stripped)) return null;
  const lineStart = stripped.lastIndexOf('\n', close) + 1;
  const insertAt = /^\s*$/.test(stripped.slice(lineStart, close)) ? lineStart : close;
  return stripped.slice(0, insertAt) + description + '\n' + stripped.slice(insertAt);
}

export interface SidecarResult {
  clipPath: string;
  sidecar: string;
  written: boolean;
  message?: string;
}

/** Writes (atomically) the sidecar for one rated clip. */
export async function writeSidecar(clip: ClipReport, sidecar: string, engineVersion: string, ratedAt = new Date().toISOString()): Promise<SidecarResult> {
  let existing: string | null = null;
  try {
    existing = await fs.promises.readFile(sidecar, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      return { clipPath: clip.path, sidecar, written: false, message: `cannot read the existing sidecar: ${(e as Error).message}` };
    }
  }
  const text = mergeSidecar(existing, ratingDescription(clip, engineVersion, ratedAt), engineVersion);
  if (text === null) return { clipPath: clip.path, sidecar, written: false, message: 'an existing sidecar is not an XMP packet; left untouched' };
  try {
    await writeFileAtomic(sidecar, text);
    return { clipPath: clip.path, sidecar, written: true };
  } catch (e) {
    return { clipPath: clip.path, sidecar, written: false, message: `cannot write the sidecar: ${(e as Error).message}` };
  }
}
