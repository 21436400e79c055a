import { describe, expect, it } from 'vitest'

import { ApiError } from '../../api/http.js'
import {
  DEFAULTS,
  addDays,
  describeFilterError,
  describePeriod,
  filtersFromQuery,
  filtersToQuery,
  formatMinutes,
  formatPercent,
  isoDay,
  periodRange,
  reportParams,
  validateFilters,
} from './filters.js'

const TODAY = '2026-03-10'
const custom = (since, until) => ({ ...DEFAULTS, period: 'custom', since, until })

describe('filtersFromQuery', () => {
  it('gives the defaults for an empty query', () => {
    expect(filtersFromQuery('')).toEqual(DEFAULTS)
    expect(filtersFromQuery(new URLSearchParams())).toEqual(DEFAULTS)
    expect(DEFAULTS).toMatchObject({ period: '30d', groupBy: 'workflow', interval: 'day' })
  })

  it('reads every filter', () => {
    expect(
      filtersFromQuery('?period=custom&since=2026-01-01&until=2026-01-31&workflow=4&department=IT&agent=12&group_by=team&interval=week'),
    ).toEqual({
      period: 'custom',
      since: '2026-01-01',
      until: '2026-01-31',
      workflow: '4',
      department: 'IT',
      agent: '12',
      groupBy: 'team',
      interval: 'week',
    })
  })

  it('treats dates without a period as a custom period', () => {
    expect(filtersFromQuery('since=2026-01-01')).toMatchObject({ period: 'custom', since: '2026-01-01', until: '' })
  })

  it('lets a preset win over stray dates', () => {
    expect(filtersFromQuery('period=7d&since=2026-01-01&until=2026-01-31')).toMatchObject({ period: '7d', since: '', until: '' })
  })

  it('falls back to the defaults for unknown choices and drops ids that are not positive integers', () => {
    expect(filtersFromQuery('period=year&group_by=colour&interval=month&workflow=abc&agent=-3')).toEqual(DEFAULTS)
    expect(filtersFromQuery('workflow=0&agent=1.5')).toMatchObject({ workflow: '', agent: '' })
  })

  it('trims the department', () => {
    expect(filtersFromQuery('department=%20Facilities%20').department).toBe('Facilities')
  })
})

describe('filtersToQuery', () => {
  it('leaves the defaults out', () => {
    expect(filtersToQuery(DEFAULTS).toString()).toBe('')
  })

  it('writes presets without dates and custom periods with them', () => {
    expect(filtersToQuery({ ...DEFAULTS, period: '90d', since: '2026-01-01' }).toString()).toBe('period=90d')
    expect(filtersToQuery(custom('2026-01-01', '')).toString()).toBe('period=custom&since=2026-01-01')
  })

  it('round-trips through the URL', () => {
    const filters = [
      DEFAULTS,
      { ...DEFAULTS, period: '7d', workflow: '3', groupBy: 'agent' },
      { ...custom('2025-12-01', '2026-01-15'), department: 'Human Resources & Payroll', agent: '42', groupBy: 'priority', interval: 'week' },
      custom('', '2026-02-01'),
    ]
    for (const f of filters) {
      expect(filtersFromQuery(filtersToQuery(f).toString())).toEqual(f)
    }
  })
})

describe('periods', () => {
  it('dates days in UTC', () => {
    expect(isoDay(new Date('2026-03-10T23:30:00-05:00'))).toBe('2026-03-11')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
  })

  it('turns presets into that many days ending today, today included', () => {
    expect(periodRange({ period: '7d' }, TODAY)).toEqual({ since: '2026-03-04', until: '2026-03-10' })
    expect(periodRange({ period: '30d' }, TODAY)).toEqual({ since: '2026-02-09', until: '2026-03-10' })
    expect(periodRange({ period: '90d' }, TODAY)).toEqual({ since: '2025-12-11', until: '2026-03-10' })
    expect(periodRange({ period: '7d' }, '2026-01-03')).toEqual({ since: '2025-12-28', until: '2026-01-03' })
  })

  it('keeps a custom period as given', () => {
    expect(periodRange(custom('2026-01-01', '2026-01-31'), TODAY)).toEqual({ since: '2026-01-01', until: '2026-01-31' })
    expect(periodRange(custom('', ''), TODAY)).toEqual({ since: '', until: '' })
  })

  it('describes an answer\'s period as its first and last day (until is exclusive)', () => {
    expect(describePeriod('2026-02-09T00:00:00Z', '2026-03-11T00:00:00Z')).toEqual({ from: '2026-02-09', to: '2026-03-10' })
    expect(describePeriod('nonsense', '2026-03-11T00:00:00Z')).toBeNull()
  })
})

describe('validateFilters', () => {
  it('accepts presets and sensible custom periods', () => {
    expect(validateFilters(DEFAULTS, TODAY)).toBeNull()
    expect(validateFilters(custom('2026-01-01', '2026-01-31'), TODAY)).toBeNull()
    expect(validateFilters(custom('2026-01-31', '2026-01-31'), TODAY)).toBeNull() // one whole day
    expect(validateFilters(custom('', ''), TODAY)).toBeNull() // the API's default period
    expect(validateFilters(custom('', '2020-01-01'), TODAY)).toBeNull()
    expect(validateFilters(custom(TODAY, ''), TODAY)).toBeNull()
  })

  it('rejects until before since', () => {
    expect(validateFilters(custom('2026-02-01', '2026-01-31'), TODAY)).toEqual({ until: 'Must be on or after the From date.' })
  })

  it('rejects a since after today when until is open', () => {
    expect(validateFilters(custom('2026-03-11', ''), TODAY)).toEqual({ since: 'Must not be after today.' })
  })

  it('rejects periods longer than 3660 days, counting both ends', () => {
    // 2016-03-03 .. 2026-03-10, both included, is 3660 days; from 2016-03-02 it is 3661
    expect(validateFilters(custom('2016-03-03', '2026-03-10'), TODAY)).toBeNull()
    expect(validateFilters(custom('2016-03-02', '2026-03-10'), TODAY)).toEqual({ since: 'The period may span at most 3660 days.' })
    expect(validateFilters(custom('2000-01-01', ''), TODAY)).toEqual({ since: 'The period may span at most 3660 days.' })
  })

  it('rejects dates that are malformed, impossible or out of range', () => {
    expect(validateFilters(custom('2026-02-30', ''), TODAY)).toEqual({ since: 'Use a date like 2025-03-01.' })
    expect(validateFilters(custom('yesterday', '03/01/2026'), TODAY)).toEqual({
      since: 'Use a date like 2025-03-01.',
      until: 'Use a date like 2025-03-01.',
    })
    expect(validateFilters(custom('1969-12-31', '1970-01-05'), TODAY)).toEqual({ since: 'Use a date between 1970-01-01 and 2999-12-31.' })
  })
})

describe('reportParams', () => {
  const filters = { ...DEFAULTS, period: '7d', workflow: '3', department: 'IT', agent: '9', groupBy: 'team', interval: 'week' }

  it('sends the period and the filters that are set to every report', () => {
    const common = { since: '2026-03-04', until: '2026-03-10', workflow: '3', department: 'IT', agent: '9' }
    expect(reportParams('summary', filters, TODAY)).toEqual(common)
    expect(reportParams('agents', filters, TODAY)).toEqual(common)
    expect(reportParams('steps', filters, TODAY)).toEqual(common)
  })

  it('adds group_by only for sla and interval only for volume', () => {
    expect(reportParams('sla', filters, TODAY)).toMatchObject({ group_by: 'team' })
    expect(reportParams('sla', filters, TODAY)).not.toHaveProperty('interval')
    expect(reportParams('volume', filters, TODAY)).toMatchObject({ interval: 'week' })
    expect(reportParams('volume', filters, TODAY)).not.toHaveProperty('group_by')
  })

  it('leaves out what is not set, so the API applies its defaults', () => {
    expect(reportParams('summary', custom('', ''), TODAY)).toEqual({})
    expect(reportParams('summary', custom('2026-01-01', ''), TODAY)).toEqual({ since: '2026-01-01' })
    expect(reportParams('sla', DEFAULTS, TODAY)).toEqual({ since: '2026-02-09', until: '2026-03-10', group_by: 'workflow' })
    expect(reportParams('volume', DEFAULTS, TODAY)).toEqual({ since: '2026-02-09', until: '2026-03-10', interval: 'day' })
  })
})

describe('describeFilterError', () => {
  it('names each field the API rejected by its label', () => {
    const error = new ApiError(400, { until: ['Must be after since.'], workflow: ['A valid integer is required.'] })
    expect(describeFilterError(error)).toBe('Until: Must be after since. Workflow: A valid integer is required.')
  })

  it('falls back to the message', () => {
    expect(describeFilterError(new ApiError(400, { detail: 'Bad request.' }))).toBe('Bad request.')
  })
})

describe('formatting', () => {
  it('says minutes as people do', () => {
    expect(formatMinutes(200)).toBe('3 h 20 min')
    expect(formatMinutes(45)).toBe('45 min')
    expect(formatMinutes(45.6)).toBe('46 min')
    expect(formatMinutes(120)).toBe('2 h')
    expect(formatMinutes(59.6)).toBe('1 h')
    expect(formatMinutes(1440)).toBe('1 d')
    expect(formatMinutes(3120.4)).toBe('2 d 4 h')
    expect(formatMinutes(0)).toBe('0 min')
    expect(formatMinutes(0.3)).toBe('< 1 min')
  })

  it('shows a dash when there is no figure', () => {
    expect(formatMinutes(null)).toBe('—')
    expect(formatMinutes(undefined)).toBe('—')
    expect(formatPercent(null)).toBe('—')
  })

  it('formats percentages with at most one decimal', () => {
    expect(formatPercent(92.5)).toBe('92.5%')
    expect(formatPercent(100)).toBe('100%')
    expect(formatPercent(66.666)).toBe('66.7%')
  })
})
