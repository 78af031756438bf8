// A small but real XMP packet model for the simulator: Premiere's private project metadata is an
// RDF/XML packet of simple properties, and XMPMeta (AdobeXMPScript) is the documented way to read
// and change it. Values are escaped on serialize and unescaped on parse, as the real library does,
// so a clip name full of quotes and angle brackets round-trips as data.

export const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const PRIVATE_NS = 'http://ns.adobe.com/premierePrivateProjectMetaData/1.0/';

/** Namespaces XMPMeta knows; setProperty on any other throws, like the real library. */
const REGISTERED: Record<string, string> = {
  [PRIVATE_NS]: 'premierePrivateProjectMetaData',
  'http://ns.adobe.com/xap/1.0/': 'xmp',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://ns.adobe.com/xmp/1.0/DynamicMedia/': 'xmpDM',
};

export type XmpProps = Map<string, string>; // key: ns + '\u0000' + name

export function propKey(ns: string, name: string): string {
  return ns + '\u0000' + name;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('\u0000');
  return [key.slice(0, i), key.slice(i + 1)];
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;')
    .replace(/\t/g, '&#x9;');
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;

export function serializePacket(props: XmpProps): string {
  const prefixes = new Map<string, string>();
  const body: string[] = [];
  const keys = [...props.keys()].sort();
  for (const key of keys) {
    const [ns, name] = splitKey(key);
    let prefix = prefixes.get(ns);
    if (!prefix) {
      prefix = REGISTERED[ns] ?? 'ns' + (prefixes.size + 1);
      prefixes.set(ns, prefix);
    }
    body.push(`   <${prefix}:${name}>${escapeXml(props.get(key)!)}</${prefix}:${name}>`);
  }
  const decls = [...prefixes.entries()].map(([ns, p]) => `\n    xmlns:${p}="${escapeXml(ns)}"`).join('');
  return (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n' +
    ` <rdf:RDF xmlns:rdf="${RDF_NS}">\n` +
    `  <rdf:Description rdf:about=""${decls}>\n` +
    body.join('\n') + (body.length ? '\n' : '') +
    '  </rdf:Description>\n' +
    ' </rdf:RDF>\n' +
    '</x:xmpmeta>\n' +
    '<?xpacket end="w"?>'
  );
}

export function parsePacket(packet: string): XmpProps {
  const props: XmpProps = new Map();
  if (!packet) return props;
  const desc = /<rdf:Description\b([^>]*?)(\/?)>([\s\S]*?)(?:<\/rdf:Description>|$)/.exec(packet);
  if (!desc) {
    if (/<x:xmpmeta|<rdf:RDF/.test(packet)) return props;
    throw new Error('XMP Exception: not an XMP packet');
  }
  const nsByPrefix = new Map<string, string>();
  const declRe = /xmlns:([A-Za-z_][\w.\-]*)="([^"]*)"/g;
  for (let m; (m = declRe.exec(packet)); ) nsByPrefix.set(m[1], unescapeXml(m[2]));
  if (desc[2] === '/') return props;
  const propRe = /<([A-Za-z_][\w\-]*):([A-Za-z_][\w.\-]*)\s*(?:\/>|>([\s\S]*?)<\/\1:\2\s*>)/g;
  for (let m; (m = propRe.exec(desc[3])); ) {
    const ns = nsByPrefix.get(m[1]);
    if (!ns) throw new Error(`XMP Exception: undeclared prefix ${m[1]}`);
    props.set(propKey(ns, m[2]), unescapeXml(m[3] ?? ''));
  }
  return props;
}

/** XMPProperty, what getProperty returns (a class, so the boundary counts its reads by name). */
export class XMPProperty {
  constructor(
    readonly namespace: string,
    readonly path: string,
    readonly value: string,
    readonly options = 0,
    readonly locale = '',
  ) {}
}
export type XmpPropertyValue = XMPProperty;

/** The XMPMeta class AdobeXMPScript defines (the subset for simple properties). */
export class XMPMeta {
  private props: XmpProps;

  constructor(packet?: string) {
    this.props = packet === undefined ? new Map() : parsePacket(String(packet));
  }

  static getNamespacePrefix(ns: string): string {
    return REGISTERED[ns] + ':';
  }

  static getNamespaceURI(prefix: string): string {
    const p = prefix.replace(/:$/, '');
    return Object.keys(REGISTERED).find((ns) => REGISTERED[ns] === p) ?? '';
  }

  private check(ns: string, name: string): void {
    if (!(ns in REGISTERED)) throw new Error('XMP Exception: Unregistered schema namespace URI');
    if (!XML_NAME.test(String(name))) throw new Error('XMP Exception: Bad XML name');
  }

  doesPropertyExist(ns: string, name: string): boolean {
    return this.props.has(propKey(ns, name));
  }

  getProperty(ns: string, name: string): XmpPropertyValue | undefined {
    const v = this.props.get(propKey(ns, name));
    if (v === undefined) return undefined;
    return new XMPProperty(ns, name, v);
  }

  setProperty(ns: string, name: string, value: unknown): boolean {
    this.check(ns, name);
    this.props.set(propKey(ns, name), String(value));
    return true;
  }

  deleteProperty(ns: string, name: string): boolean {
    return this.props.delete(propKey(ns, name));
  }

  serialize(): string {
    return serializePacket(this.props);
  }

  dumpObject(): string {
    return [...this.props.entries()].map(([k, v]) => splitKey(k).join(' ') + ' = ' + JSON.stringify(v)).join('\n');
  }
}
