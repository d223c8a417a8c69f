// Formats numbers for labels, tooltips and the overview.

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

export function share(value, digits = 1) {
  return typeof value === 'number' ? `${(value * 100).toFixed(digits)}%` : '—';
}

export function count(value) {
  if (typeof value !== 'number') {
    return '—';
  }
  return Math.abs(value) >= 10000 ? compact.format(value) : whole.format(value);
}

export function usd(value) {
  if (typeof value !== 'number') {
    return '—';
  }
  if (Math.abs(value) >= 1000) {
    return `$${compact.format(value)}`;
  }
  return `$${value.toFixed(value >= 100 ? 0 : 2)}`;
}

export function usdPerMillion(value) {
  return typeof value === 'number' ? `$${value < 1 ? value.toFixed(3) : value.toFixed(2)}/1M` : '—';
}

export function ms(value) {
  if (typeof value !== 'number') {
    return '—';
  }
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function number(value, digits = 2) {
  return typeof value === 'number' ? value.toFixed(digits) : '—';
}

/** Formats a headline by its unit. */
export function byUnit(value, unit) {
  switch (unit) {
    case 'share':
      return share(value);
    case 'usd':
      return usd(value);
    case 'usd_per_mtok':
      return usdPerMillion(value);
    case 'milliseconds':
      return ms(value);
    case 'count':
    case 'tokens':
      return count(value);
    default:
      return number(value);
  }
}
