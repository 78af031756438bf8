/** Engine version: part of every report and cache key. Bump when results change. */
export const ENGINE_VERSION = '0.1.0';
