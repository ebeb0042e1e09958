/** Terminal formatting: colours (chalk, honouring NO_COLOR and TTY) and safe printing of input text. */
import { Chalk, type ChalkInstance } from 'chalk';

export type Colors = ChalkInstance;

export function makeColors(enabled: boolean | undefined): Colors {
  const noColor = enabled === false || process.env.NO_COLOR !== undefined || !process.stderr.isTTY;
  return new Chalk({ level: noColor ? 0 : 1 });
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Make untrusted text safe for a terminal: control characters (ANSI escapes included) become visible escapes. */
export function safeText(s: string): string {
  return s.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
