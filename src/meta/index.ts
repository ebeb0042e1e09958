/** Metadata extraction: URL, title/site name, publication date, language. All pure functions. */
export { parseUrl, hostLabels } from './url.js';
export type { ParsedUrl } from './url.js';
export { splitTitle, segmentTitle, namesHost } from './title.js';
export type { SplitTitle, SplitTitleOptions } from './title.js';
export { extractDate, parseDate, dateFromUrl, dateFromText, findDates, urlYearMonth, _setDateDebug } from './date.js';
export type { ExtractDateInput, ExtractedDate, DateParts } from './date.js';
export { detectLanguage, detectLanguageOfLines } from './language.js';
