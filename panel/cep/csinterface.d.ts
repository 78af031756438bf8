// The parts of CEP's native bridge (window.__adobe_cep__) and CEP's Node integration that the
// panel uses. Adobe ships no type package for these; this mirrors what CSInterface.js relies on.
// A module (import the types you need); the Window additions are global once it is imported.

/// <reference lib="dom" />

export interface CepRGBColor {
  red: number;
  green: number;
  blue: number;
  alpha?: number;
}

export interface CepUIColor {
  type?: number;
  antialiasLevel?: number;
  color: CepRGBColor;
}

export interface CepAppSkinInfo {
  baseFontFamily: string;
  baseFontSize: number;
  appBarBackgroundColor?: CepUIColor;
  panelBackgroundColor: CepUIColor;
  appBarBackgroundColorSRGB?: CepUIColor;
  panelBackgroundColorSRGB?: CepUIColor;
  systemHighlightColor?: CepRGBColor;
}

export interface CepHostEnvironment {
  appName: string;
  appVersion: string;
  appLocale?: string;
  appUILocale?: string;
  appId?: string;
  isAppOnline?: boolean;
  appSkinInfo: CepAppSkinInfo;
}

/** What CEP hands event listeners (CSEvent); `data` is usually a string. */
export interface CepEvent {
  type: string;
  scope?: string;
  appId?: string;
  extensionId?: string;
  data?: unknown;
}

export interface AdobeCepNative {
  /** Runs ExtendScript in the host; the callback gets the script's result as a string. */
  evalScript(script: string, callback?: (result: string) => void): void;
  /** A JSON string of CepHostEnvironment. */
  getHostEnvironment(): string;
  /** A file: URI of the given folder kind ('extension', 'userData', …). */
  getSystemPath(pathType: string): string;
  addEventListener(type: string, listener: (event: CepEvent) => void, obj?: unknown): void;
  removeEventListener(type: string, listener: (event: CepEvent) => void, obj?: unknown): void;
  getOSInformation?(): string;
}

/** CEP exposes Node's require as cep_node.require (and as require) in a mixed-context panel. */
export interface CepNodeGlobal {
  require(module: string): unknown;
  process?: { platform: string; arch: string; env: Record<string, string | undefined> };
}

declare global {
  interface Window {
    __adobe_cep__?: AdobeCepNative;
    cep_node?: CepNodeGlobal;
  }
}
