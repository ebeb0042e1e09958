/** HTML → block lines (placeholder: full conversion follows). */
import type { InputDocument } from '../types.js';
import { parseRawText } from '../core/parse.js';

export function htmlToDocument(html: string, sourcePath: string): InputDocument {
  const text = html.replace(/<(script|style|noscript|template)[\s\S]*?<\/\1>/gi, '').replace(/<[^>]+>/g, '\n');
  return parseRawText(text.split('\n').map((l) => l.trim()).filter(Boolean).join('\n'), sourcePath);
}
