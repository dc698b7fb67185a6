// Number formats shared by the report and the target checks.

/** A whole number with thousands separators. */
export const int = (n: number) => Math.round(n).toLocaleString('en');
/** Bytes as MB (10⁶ bytes), one decimal. */
export const mb = (bytes: number) =>
  (bytes / 1e6).toLocaleString('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
/** Milliseconds as seconds. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** A ratio such as 3.25×. */
export const times = (x: number) => `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`;

/** Milliseconds with precision that suits their size. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value < 1) return value.toFixed(3);
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return int(value);
}
