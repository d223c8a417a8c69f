// Figures of the study's §12-14: where users are (geography, languages) and whether they stay.

import * as charts from './charts.js';
import { HINT, WINDOW_EMPTY, shareTable, shares } from './figure-kit.js';
import { distinct, rows, rowsWith } from './result.js';

export const PEOPLE_FIGURES = [
  {
    id: 'geography',
    section: 'people',
    figure: 'study §12',
    title: 'Spend share by continent',
    subtitle: 'Share of spend (USD) per continent of the API key\'s configured country.',
    analysis: 'geography',
    headline: 'North America share of spend',
    render: shares('spend_share_by_continent', 'continent', { empty: 'No priced requests in this window. ' + HINT }),
  },
  {
    id: 'geography-tables',
    section: 'people',
    figure: 'study §12',
    title: 'Token share by continent and country',
    subtitle: 'Over the whole window.',
    analysis: 'geography',
    headline: 'Asia share of spend',
    table: true,
    render(result) {
      const continents = rowsWith(result, 'token_share_by_continent', 'continent', 'share', 'value');
      const countries = rowsWith(result, 'token_share_by_country', 'country', 'share', 'value');
      if (!continents && !countries) {
        return { empty: WINDOW_EMPTY };
      }
      const wrap = document.createElement('div');
      wrap.className = 'tables';
      if (continents) {
        wrap.append(shareTable(continents, 'continent', { series: 'token_share_by_continent', caption: 'by continent', name: 'continent' }));
      }
      if (countries) {
        wrap.append(shareTable(countries, 'country', { series: 'token_share_by_country', caption: 'by country', name: 'country' }));
      }
      return { table: wrap };
    },
  },
  {
    id: 'languages',
    section: 'people',
    figure: 'study §13',
    title: 'Languages',
    subtitle: 'Share of tokens by the language of the user\'s text, over the window.',
    analysis: 'languages',
    headline: 'English share',
    render(result) {
      const found = rowsWith(result, 'share_by_language', 'language', 'share');
      return found ? { chart: charts.horizontalBars(found, { name: 'language', value: 'share' }) } : { empty: WINDOW_EMPTY };
    },
  },
  {
    id: 'retention',
    section: 'people',
    figure: 'study §14',
    title: 'Retention cohorts',
    subtitle: 'Share of each monthly cohort of a model\'s users still active k months later; foundational cohorts drawn bold.',
    analysis: 'retention',
    extraParams: { top: 50 },
    headline: 'month-1 retention (all complete cohorts)',
    wide: true,
    selector: {
      name: 'model',
      label: 'Model',
      options: (result) => distinct(rowsWith(result, 'retention', 'model') || [], 'model').map((m) => ({ value: m })),
      initial: (state, options, result) => {
        const flagged = (rowsWith(result, 'cohorts', 'model', 'foundational') || []).find((c) => c.foundational === true);
        return flagged ? flagged.model : options[0] ? options[0].value : '';
      },
    },
    render(result, model) {
      const found = (rowsWith(result, 'retention', 'model', 'cohort', 'k', 'retention') || []).filter((r) => r.model === model);
      if (found.length === 0) {
        return { empty: 'No end users with requests in this window match the filters. ' + HINT };
      }
      const flags = new Map((rows(result, 'cohorts') || []).filter((c) => c.model === model).map((c) => [c.cohort, c]));
      return { chart: charts.retentionCurves(found, flags) };
    },
  },
];
