// A thin wrapper over window.__adobe_cep__, doing what Adobe's CSInterface.js does for the calls
// the panel makes. In the dev harness the page gets a shim of __adobe_cep__ that forwards
// evalScript over a WebSocket to the Premiere simulator, so this code runs unchanged there.

/// <reference lib="dom" />
import type { AdobeCepNative, CepEvent, CepHostEnvironment } from './csinterface';

export const THEME_CHANGED_EVENT = 'com.adobe.csxs.events.ThemeColorChanged';

export class CepHost {
  constructor(private readonly native: AdobeCepNative) {}

  /** Evaluates ExtendScript in the host; resolves with its result string. */
  evalScript(script: string): Promise<string> {
    return new Promise((resolve) => this.native.evalScript(script, (result) => resolve(String(result))));
  }

  getHostEnvironment(): CepHostEnvironment | null {
    try {
      return JSON.parse(this.native.getHostEnvironment()) as CepHostEnvironment;
    } catch {
      return null;
    }
  }

  /** Calls `listener` whenever Premiere's interface brightness changes; returns an unsubscribe. */
  onThemeChange(listener: () => void): () => void {
    const handler = (): void => listener();
    this.native.addEventListener(THEME_CHANGED_EVENT, handler);
    return () => this.native.removeEventListener(THEME_CHANGED_EVENT, handler);
  }

  /**
   * CSInterface.addEventListener: calls `listener` with each event of this type (e.g. one the
   * host script dispatched as a CSXSEvent); returns an unsubscribe.
   */
  onEvent(type: string, listener: (event: CepEvent) => void): () => void {
    this.native.addEventListener(type, listener);
    return () => this.native.removeEventListener(type, listener);
  }

  /** The extension's folder as a plain file-system path, or null when the host doesn't say. */
  getExtensionPath(): string | null {
    let uri: string;
    try {
      uri = this.native.getSystemPath('extension');
    } catch {
      return null;
    }
    return uri ? fileUriToPath(uri) : null;
  }
}

/** CEP returns folders as file: URIs; Windows paths keep their drive letter. */
export function fileUriToPath(uri: string): string {
  let p = decodeURI(uri);
  if (/^file:\/\/\/[A-Za-z]:/.test(p)) return p.slice('file:///'.length);
  if (p.startsWith('file://')) p = p.slice('file://'.length);
  return p;
}

/** The CEP bridge when the page runs inside a host (or the harness shim), else null. */
export function getCepHost(win: Window = window): CepHost | null {
  return win.__adobe_cep__ ? new CepHost(win.__adobe_cep__) : null;
}

/** CEP's Node require in a mixed-context panel, or null in a plain browser. */
export function getNodeRequire(win: Window = window): ((module: string) => unknown) | null {
  if (win.cep_node && typeof win.cep_node.require === 'function') return win.cep_node.require.bind(win.cep_node);
  const req = (win as unknown as { require?: unknown }).require;
  return typeof req === 'function' ? (req as (module: string) => unknown) : null;
}
