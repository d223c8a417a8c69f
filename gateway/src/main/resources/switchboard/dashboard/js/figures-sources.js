// Figures of the study's §1-5: who serves the tokens (open and closed models).

import * as charts from './charts.js';
import * as fmt from './format.js';
import { CATEGORIES, CATEGORY_COLORS, HINT, SIZE_COLORS, SOURCE_COLORS, SOURCE_LABELS, shares } from './figure-kit.js';
import { rowsWith } from './result.js';

export const SOURCE_FIGURES = [
  {
    id: 'source-share',
    section: 'sources',
    figure: 'study §1',
    title: 'Token share by source',
    subtitle: 'Share of tokens per bucket: proprietary, Chinese open-weight, rest-of-world open-weight.',
    analysis: 'source-share',
    headline: 'open-weight share',
    render: shares('share_by_source', 'source', {
      order: ['proprietary', 'chinese_oss', 'row_oss', 'unknown'],
      label: (k) => SOURCE_LABELS[k] || k,
      colors: SOURCE_COLORS,
    }),
  },
  {
    id: 'open-weight-models',
    section: 'sources',
    figure: 'study §2',
    title: 'Top open-weight models',
    subtitle: 'Each model\'s share of open-weight tokens per bucket; the rest as other.',
    analysis: 'open-weight-models',
    headline: 'largest model share, last bucket',
    render: shares('share_by_model', 'model', { empty: 'No open-weight traffic in this window. ' + HINT }),
  },
  {
    id: 'open-weight-authors',
    section: 'sources',
    figure: 'study §3',
    title: 'Open-weight tokens by author',
    subtitle: 'Tokens served by open-weight models over the window, per model author.',
    analysis: 'open-weight-authors',
    headline: 'tokens of the top open-weight author',
    render(result) {
      const found = rowsWith(result, 'tokens_by_author', 'author', 'value');
      if (!found) {
        return { empty: 'No open-weight traffic in this window. ' + HINT };
      }
      return { chart: charts.horizontalBars(found, { name: 'author', value: 'value', label: 'tokens', format: fmt.count }) };
    },
  },
  {
    id: 'size-classes',
    section: 'sources',
    figure: 'study §4',
    title: 'Open-weight size classes',
    subtitle: 'Share of open-weight tokens by size: small < 15B, medium 15–70B, large ≥ 70B parameters.',
    analysis: 'size-classes',
    headline: 'medium share of open-weight traffic',
    render: shares('share_by_size_class', 'size_class', {
      order: ['small', 'medium', 'large', 'unknown'],
      colors: SIZE_COLORS,
      empty: 'No open-weight traffic in this window. ' + HINT,
    }),
  },
  {
    id: 'category-by-source',
    section: 'sources',
    figure: 'study §5',
    title: 'Categories by source',
    subtitle: 'Category shares inside open-weight or Chinese OSS traffic, or programming tokens by source.',
    analysis: 'category-by-source',
    headline: 'roleplay share of open-weight traffic',
    selector: {
      name: 'view',
      label: 'Show',
      options: () => [
        { value: 'open_weight_categories', label: 'open-weight categories' },
        { value: 'chinese_oss_categories', label: 'Chinese OSS categories' },
        { value: 'programming_by_source', label: 'programming by source' },
      ],
      initial: () => 'open_weight_categories',
    },
    render(result, view) {
      if (view === 'programming_by_source') {
        return shares(view, 'source', { order: ['proprietary', 'chinese_oss', 'row_oss', 'unknown'],
          label: (k) => SOURCE_LABELS[k] || k, colors: SOURCE_COLORS })(result);
      }
      return shares(view, 'category', { order: CATEGORIES, colors: CATEGORY_COLORS })(result);
    },
  },
];
