import type { BudgetMetric } from './contract'

export const tokens = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : Math.round(n).toLocaleString('en-US'))
export const usd = (n: number) => (n > 0 && n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`)

export const metricName: Record<BudgetMetric, string> = { tokens: 'Tokens', costUsd: 'Cost', wallMinutes: 'Wall time' }

export function amount(metric: BudgetMetric, n: number): string {
  if (metric === 'costUsd') return usd(n)
  if (metric === 'wallMinutes') return `${n.toFixed(1)} min`
  return tokens(n)
}
