// The dashboard's sections and figures, in the study's order. A figure names the analysis it
// draws; its render function returns {chart}, {table} or {empty} and never assumes a series or
// column exists.

import { OPERATIONS_FIGURES } from './figures-operations.js';
import { PEOPLE_FIGURES } from './figures-people.js';
import { PRICE_FIGURES } from './figures-price.js';
import { SOURCE_FIGURES } from './figures-sources.js';
import { USAGE_FIGURES } from './figures-usage.js';

export { CATEGORIES, headlineText } from './figure-kit.js';

export const SECTIONS = [
  { id: 'sources', title: 'Open and closed models' },
  { id: 'usage', title: 'What the tokens are for' },
  { id: 'people', title: 'Where users are, and whether they stay' },
  { id: 'price', title: 'Price and usage' },
  { id: 'operations', title: 'Operations' },
];

export const PANELS = [...SOURCE_FIGURES, ...USAGE_FIGURES, ...PEOPLE_FIGURES, ...PRICE_FIGURES, ...OPERATIONS_FIGURES];
