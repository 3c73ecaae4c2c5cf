/** Public API of the `extract` library. */
export { extract, type ExtractMeta } from './extract.js';
export * from './schema.js';
export { compareKey, canonicalSpelling, toNfc, searchForm, foldTones } from './text/normalize.js';
export { parseNumber } from './values/number.js';
export { parseAmount } from './values/amount.js';
export { findPeriods } from './values/period.js';
export { findDates, isoDate } from './values/date.js';
export { canonicalProvince, findPlaces } from './values/place.js';
export { officialKey, indicatorKey, agreementKey, legalRefKey } from './keys.js';
