// Figures of the study's §15-16: cost against usage, and price elasticity.

import * as charts from './charts.js';
import { HINT } from './figure-kit.js';
import { rowsWith, summaryNumber } from './result.js';

export const PRICE_FIGURES = [
  {
    id: 'cost-usage-categories',
    section: 'price',
    figure: 'study §15',
    title: 'Cost vs usage: categories',
    subtitle: 'Effective price per 1M tokens against total tokens, log-log; dashed lines at the medians.',
    analysis: 'cost-usage',
    headline: 'median effective price across categories',
    render(result) {
      const found = rowsWith(result, 'categories', 'category', 'tokens', 'price_per_mtok');
      return found
        ? { chart: charts.costUsage(found, { name: 'category', medianPrice: summaryNumber(result, 'median_price_categories') }) }
        : { empty: 'No priced, classified requests in this window. ' + HINT };
    },
  },
  {
    id: 'cost-usage-models',
    section: 'price',
    figure: 'study §15',
    title: 'Cost vs usage: models',
    subtitle: 'Effective price per 1M tokens against total tokens, log-log; dashed lines at the medians.',
    analysis: 'cost-usage',
    headline: 'median effective price across models',
    render(result) {
      const found = rowsWith(result, 'models', 'model', 'tokens', 'price_per_mtok');
      return found
        ? { chart: charts.costUsage(found, { name: 'model', medianPrice: summaryNumber(result, 'median_price_models') }) }
        : { empty: 'No priced requests in this window. ' + HINT };
    },
  },
  {
    id: 'price-elasticity',
    section: 'price',
    figure: 'study §16',
    title: 'Price elasticity',
    subtitle: 'ln(tokens) against ln(price) across models with enough traffic; OLS fit and the 95% interval of its slope.',
    analysis: 'price-elasticity',
    headline: 'price elasticity (slope)',
    render(result) {
      const models = rowsWith(result, 'models', 'model', 'ln_price', 'ln_tokens');
      if (!models) {
        return { empty: 'No model has enough priced requests in this window (min_requests). ' + HINT };
      }
      const fit = (rowsWith(result, 'fit', 'slope', 'intercept') || [])[0] || null;
      return { chart: charts.elasticity(models, fit) };
    },
  },
];
