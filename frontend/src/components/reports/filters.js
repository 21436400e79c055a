// The reports page's filters as plain data: URL query ⇄ filter state, the period a preset
// stands for, each report's query parameters, validation before fetching, and display
// helpers. No React here, so all of it is tested without rendering.
//
// Days are UTC days: workflow_api reads a date without a time zone in its own zone (UTC),
// and its volume buckets are UTC days, so "today" is the UTC date too.

export const REPORTS = ['summary', 'sla', 'agents', 'steps', 'volume']

export const PERIODS = [
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
  ['90d', 'Last 90 days'],
  ['custom', 'Custom dates'],
]
const PRESET_DAYS = { '7d': 7, '30d': 30, '90d': 90 }
export const DEFAULT_PERIOD = '30d'

export const GROUP_BY = [
  ['workflow', 'Workflow'],
  ['priority', 'Priority'],
  ['team', 'Team'],
  ['agent', 'Agent'],
]
export const INTERVALS = [
  ['day', 'Day'],
  ['week', 'Week'],
]
export const DEFAULTS = {
  period: DEFAULT_PERIOD,
  since: '',
  until: '',
  workflow: '',
  department: '',
  agent: '',
  groupBy: 'workflow',
  interval: 'day',
}

// As workflow_api's reporting.filters: the longest period and the dates it accepts.
export const MAX_PERIOD_DAYS = 3660
const EARLIEST = '1970-01-01'
const LATEST = '2999-12-31'
const DAY_MS = 24 * 60 * 60 * 1000

// The API's field names, as the filter form labels them (for its 400 answers).
export const FIELD_LABELS = {
  since: 'From',
  until: 'Until',
  workflow: 'Workflow',
  department: 'Department',
  agent: 'Agent',
  role: 'Team',
  group_by: 'Group by',
  interval: 'Interval',
  format: 'Format',
}

const choice = (value, options, fallback) => (options.some(([key]) => key === value) ? value : fallback)
const positiveId = (value) => (/^[1-9]\d{0,17}$/.test(value || '') ? value : '')

// URL → filter state. Unknown choices fall back to the defaults and ids that are not
// positive integers are dropped, so whatever a link says the page shows a sane view.
// since/until stay as written: validateFilters says what is wrong with them.
export function filtersFromQuery(search) {
  const params = search instanceof URLSearchParams ? search : new URLSearchParams(search || '')
  const get = (key) => (params.get(key) || '').trim()
  const since = get('since')
  const until = get('until')
  const asked = get('period')
  const period = choice(asked, PERIODS, since || until ? 'custom' : DEFAULT_PERIOD)
  return {
    period,
    since: period === 'custom' ? since : '',
    until: period === 'custom' ? until : '',
    workflow: positiveId(get('workflow')),
    department: get('department'),
    agent: positiveId(get('agent')),
    groupBy: choice(get('group_by'), GROUP_BY, DEFAULTS.groupBy),
    interval: choice(get('interval'), INTERVALS, DEFAULTS.interval),
  }
}

// Filter state → URL, defaults left out so a plain visit keeps a plain address.
export function filtersToQuery(filters) {
  const f = { ...DEFAULTS, ...filters }
  const params = new URLSearchParams()
  if (f.period === 'custom') {
    params.set('period', 'custom')
    if (f.since) params.set('since', f.since)
    if (f.until) params.set('until', f.until)
  } else if (f.period !== DEFAULT_PERIOD) {
    params.set('period', f.period)
  }
  if (f.workflow) params.set('workflow', f.workflow)
  if (f.department) params.set('department', f.department)
  if (f.agent) params.set('agent', f.agent)
  if (f.groupBy !== DEFAULTS.groupBy) params.set('group_by', f.groupBy)
  if (f.interval !== DEFAULTS.interval) params.set('interval', f.interval)
  return params
}

// Today's UTC date as YYYY-MM-DD.
export function isoDay(date = new Date()) {
  return date.toISOString().slice(0, 10)
}

function parseDay(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text || '')) return null
  const date = new Date(`${text}T00:00:00Z`)
  // Date rolls 2025-02-30 over to March: such a day does not exist
  return Number.isNaN(date.getTime()) || isoDay(date) !== text ? null : date
}

export function addDays(day, days) {
  const date = parseDay(day)
  return date ? isoDay(new Date(date.getTime() + days * DAY_MS)) : day
}

// A preset's period: `days` whole days ending with today, `until` inclusive as the API
// takes a date. Custom periods have no preset: their own since/until (either may be blank).
export function periodRange(filters, today) {
  const days = PRESET_DAYS[filters.period]
  if (!days) return { since: filters.since || '', until: filters.until || '' }
  return { since: addDays(today, -(days - 1)), until: today }
}

// What is wrong with the filters, as {field: message} (API field names), or null. Checks
// what the API would reject so the page says so before asking.
export function validateFilters(filters, today) {
  if (filters.period !== 'custom') return null
  const errors = {}
  const since = filters.since ? parseDay(filters.since) : undefined
  const until = filters.until ? parseDay(filters.until) : undefined
  for (const [key, date] of [['since', since], ['until', until]]) {
    if (date === null) errors[key] = 'Use a date like 2025-03-01.'
    else if (date && (filters[key] < EARLIEST || filters[key] > LATEST)) {
      errors[key] = `Use a date between ${EARLIEST} and ${LATEST}.`
    }
  }
  if (Object.keys(errors).length) return errors
  if (since) {
    // without `until` the API ends the period now, so today is the last day it can start
    const end = until || parseDay(today)
    if (since > end) {
      errors[until ? 'until' : 'since'] = until ? 'Must be on or after the From date.' : 'Must not be after today.'
    } else if ((end - since) / DAY_MS + 1 > MAX_PERIOD_DAYS) {
      errors.since = `The period may span at most ${MAX_PERIOD_DAYS} days.`
    }
  }
  return Object.keys(errors).length ? errors : null
}

// One report's query parameters: the period and the filters that are set; group_by only
// for sla and interval only for volume.
export function reportParams(name, filters, today) {
  const params = {}
  const { since, until } = periodRange(filters, today)
  if (since) params.since = since
  if (until) params.until = until
  if (filters.workflow) params.workflow = filters.workflow
  if (filters.department) params.department = filters.department
  if (filters.agent) params.agent = filters.agent
  if (name === 'sla') params.group_by = filters.groupBy || DEFAULTS.groupBy
  if (name === 'volume') params.interval = filters.interval || DEFAULTS.interval
  return params
}

// An API 400 ({field: [message]} as ApiError.fields) in words, one sentence per field.
export function describeFilterError(error) {
  const fields = error?.fields || {}
  const parts = Object.entries(fields).map(([key, message]) => `${FIELD_LABELS[key] || key}: ${message}`)
  return parts.length ? parts.join(' ') : error?.message || 'The filters were not accepted.'
}

// The period an answer covers ({since, until} ISO datetimes, until exclusive) as the
// first and last UTC day.
export function describePeriod(since, until) {
  const from = new Date(since)
  const to = new Date(new Date(until).getTime() - 1)
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return null
  return { from: isoDay(from), to: isoDay(to) }
}

// Minutes as people say them: "45 min", "3 h 20 min", "2 d 4 h"; "—" when there is none.
export function formatMinutes(minutes) {
  if (minutes === null || minutes === undefined || Number.isNaN(Number(minutes))) return '—'
  const total = Math.round(Number(minutes))
  if (total === 0 && minutes > 0) return '< 1 min'
  const days = Math.floor(total / 1440)
  const hours = Math.floor((total % 1440) / 60)
  const mins = total % 60
  if (days) return hours ? `${days} d ${hours} h` : `${days} d`
  if (hours) return mins ? `${hours} h ${mins} min` : `${hours} h`
  return `${mins} min`
}

export function formatPercent(percent) {
  if (percent === null || percent === undefined || Number.isNaN(Number(percent))) return '—'
  return `${Number(Number(percent).toFixed(1))}%`
}
