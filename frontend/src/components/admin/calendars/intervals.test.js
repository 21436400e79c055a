import { describe, expect, it } from 'vitest'

import {
  START_BEFORE_END,
  TIME_FORMAT,
  daysFromApi,
  intervalsToApi,
  listErrors,
  summarize,
  validateDay,
  validateHolidays,
} from './intervals.js'
import { dateToZoned, zonedToDate } from './timeZones.js'

const row = (key, start, end) => ({ key, start, end })

describe('validateDay', () => {
  it('accepts a day with a lunch break, touching intervals and 24:00', () => {
    expect(validateDay([row('a', '09:00', '12:00'), row('b', '13:00', '17:00')])).toEqual({})
    expect(validateDay([row('a', '00:00', '12:00'), row('b', '12:00', '24:00')])).toEqual({})
    expect(validateDay([row('a', '9:00', '17:00')])).toEqual({})
  })

  it('wants the start before the end', () => {
    expect(validateDay([row('a', '17:00', '09:00')])).toEqual({ a: START_BEFORE_END })
    expect(validateDay([row('a', '09:00', '09:00')])).toEqual({ a: START_BEFORE_END })
  })

  it('names the interval each overlapping one runs into', () => {
    const errors = validateDay([row('a', '09:00', '13:00'), row('b', '12:00', '17:00'), row('c', '18:00', '19:00')])
    expect(errors).toEqual({ a: 'Overlaps 12:00–17:00.', b: 'Overlaps 09:00–13:00.' })
    // one inside another
    expect(validateDay([row('a', '08:00', '18:00'), row('b', '10:00', '11:00')])).toEqual({
      a: 'Overlaps 10:00–11:00.',
      b: 'Overlaps 08:00–18:00.',
    })
  })

  it('checks the format and that both ends are there', () => {
    expect(validateDay([row('a', '9am', '17:00')])).toEqual({ a: TIME_FORMAT })
    expect(validateDay([row('a', '24:30', '25:00')])).toEqual({ a: TIME_FORMAT })
    expect(validateDay([row('a', '09:00', '')])).toEqual({ a: 'Enter a start and an end time.' })
  })
})

describe('the calendar body', () => {
  it('round-trips the API intervals, padding single-digit hours', () => {
    const days = daysFromApi([
      { weekday: 0, start: '09:00', end: '12:00' },
      { weekday: 0, start: '13:00', end: '17:00' },
      { weekday: 6, start: '10:00', end: '14:00' },
    ])
    days[2].push({ key: 'x', start: '9:30', end: '11:00' })
    const { intervals, keys } = intervalsToApi(days)
    expect(intervals).toEqual([
      { weekday: 0, start: '09:00', end: '12:00' },
      { weekday: 0, start: '13:00', end: '17:00' },
      { weekday: 2, start: '09:30', end: '11:00' },
      { weekday: 6, start: '10:00', end: '14:00' },
    ])
    expect(keys[2]).toBe('x')
  })

  it('finds duplicate and missing holiday dates', () => {
    expect(
      validateHolidays([
        { key: 'a', date: '2026-12-25' },
        { key: 'b', date: '2026-12-25' },
        { key: 'c', date: '' },
      ]),
    ).toEqual({ b: 'This date is listed twice.', c: 'Enter a date.' })
  })

  it('maps the API errors of a list onto its rows', () => {
    expect(listErrors(['Intervals overlap on weekday 0.'], ['a'])).toEqual({ message: 'Intervals overlap on Monday.', byKey: {} })
    expect(listErrors([{}, { non_field_errors: ['An interval must start before it ends.'] }], ['a', 'b'])).toEqual({
      message: '',
      byKey: { b: 'An interval must start before it ends.' },
    })
    expect(listErrors({ 1: { date: ['Enter a valid date.'] } }, ['a', 'b'])).toEqual({ message: '', byKey: { b: 'Enter a valid date.' } })
  })

  it('summarises a week for the list', () => {
    const office = [0, 1, 2, 3, 4].flatMap((weekday) => [
      { weekday, start: '09:00', end: '12:00' },
      { weekday, start: '13:00', end: '17:00' },
    ])
    expect(summarize([...office, { weekday: 5, start: '10:00', end: '14:00' }])).toBe(
      'Mon–Fri 09:00–12:00, 13:00–17:00; Sat 10:00–14:00',
    )
    expect(summarize([])).toBe('No working time')
  })
})

describe('wall-clock time in a calendar’s zone', () => {
  it('reads a datetime-local value in the calendar’s zone, across daylight saving', () => {
    expect(zonedToDate('2026-11-27T16:00', 'Europe/Berlin').toISOString()).toBe('2026-11-27T15:00:00.000Z')
    expect(zonedToDate('2026-07-01T16:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T14:00:00.000Z')
    expect(zonedToDate('2026-11-27T16:00', 'UTC').toISOString()).toBe('2026-11-27T16:00:00.000Z')
    expect(zonedToDate('', 'UTC')).toBeNull()
    expect(dateToZoned(new Date('2026-11-27T15:00:00Z'), 'Europe/Berlin')).toBe('2026-11-27T16:00')
  })
})
