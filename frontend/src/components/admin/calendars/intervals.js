// Working intervals and holidays as the calendar form holds them, the client-side checks
// (the same rules calendars.services._check_intervals applies), and the API's nested
// errors mapped back onto the rows they name.

// Index = the API's weekday (0 = Monday).
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
export const SHORT_WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

// "HH:MM" from 00:00 to 24:00 (an hour of one digit is accepted and padded on save).
const HHMM = /^(?:([01]?\d|2[0-3]):([0-5]\d)|24:00)$/

export const TIME_FORMAT = 'Use HH:MM, such as 09:00 (24:00 is midnight at the end of the day).'
export const START_BEFORE_END = 'The start must be before the end.'
export const NO_WORKING_TIME = 'Add at least one working interval.'

let counter = 0
// Rows need stable keys: inputs keep focus while the list changes, and errors stay on their row.
export const newKey = (prefix = 'row') => `${prefix}-${++counter}`

export function minutesOf(text) {
  const value = (text || '').trim()
  if (value === '24:00') return 1440
  const match = HHMM.exec(value)
  return match ? Number(match[1]) * 60 + Number(match[2]) : null
}

export function normalizeTime(text) {
  const minutes = minutesOf(text)
  if (minutes === null) return (text || '').trim()
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

// API intervals [{weekday, start, end}] → seven lists of {key, start, end}.
export function daysFromApi(intervals = []) {
  const days = WEEKDAYS.map(() => [])
  for (const interval of intervals) {
    if (days[interval.weekday]) days[interval.weekday].push({ key: newKey('iv'), start: interval.start, end: interval.end })
  }
  return days
}

// The week → the API's list, in the order shown (so an error at index i names row i), and
// the row keys in the same order.
export function intervalsToApi(days) {
  const intervals = []
  const keys = []
  days.forEach((rows, weekday) => {
    for (const row of rows) {
      intervals.push({ weekday, start: normalizeTime(row.start), end: normalizeTime(row.end) })
      keys.push(row.key)
    }
  })
  return { intervals, keys }
}

const span = (row) => `${normalizeTime(row.start)}–${normalizeTime(row.end)}`

// One day's rows → {rowKey: message}: format, start before end, no overlaps (touching is fine).
export function validateDay(rows) {
  const errors = {}
  const valid = []
  for (const row of rows) {
    const start = minutesOf(row.start)
    const end = minutesOf(row.end)
    if (!(row.start || '').trim() || !(row.end || '').trim()) errors[row.key] = 'Enter a start and an end time.'
    else if (start === null || end === null) errors[row.key] = TIME_FORMAT
    else if (start >= end) errors[row.key] = START_BEFORE_END
    else valid.push({ row, start, end })
  }
  for (const one of valid) {
    const other = valid.find((two) => two !== one && two.start < one.end && one.start < two.end)
    if (other) errors[one.row.key] = `Overlaps ${span(other.row)}.`
  }
  return errors
}

export function validateWeek(days) {
  return Object.assign({}, ...days.map(validateDay))
}

export function validateHolidays(holidays) {
  const errors = {}
  const seen = new Map()
  for (const holiday of holidays) {
    if (!holiday.date) errors[holiday.key] = 'Enter a date.'
    else if (seen.has(holiday.date)) errors[holiday.key] = 'This date is listed twice.'
    else seen.set(holiday.date, holiday.key)
  }
  return errors
}

// "Intervals overlap on weekday 0." reads better with the day's name.
const withDayNames = (text) => text.replace(/\bweekday (\d)\b/g, (all, day) => WEEKDAYS[Number(day)] || all)

const flatten = (value) => {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return withDayNames(value)
  if (Array.isArray(value)) return value.map(flatten).filter(Boolean).join(' ')
  if (typeof value === 'object') return Object.values(value).map(flatten).filter(Boolean).join(' ')
  return String(value)
}

// A list field's error from DRF: ["message"] for the list as a whole, or [{}, {field:
// ["message"]}] (or {"1": {...}}) per entry. → {message, byKey: {rowKey: message}}
export function listErrors(value, keys) {
  const result = { message: '', byKey: {} }
  if (!value) return result
  if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) {
    result.message = flatten(value)
    return result
  }
  const entries = Array.isArray(value) ? value.map((entry, index) => [index, entry]) : Object.entries(value)
  const stray = []
  for (const [index, entry] of entries) {
    const text = flatten(entry)
    if (!text) continue
    const key = keys[Number(index)]
    if (key === undefined) stray.push(text)
    else result.byKey[key] = text
  }
  result.message = stray.join(' ')
  return result
}

// For the list of calendars: "Mon–Fri 09:00–12:00, 13:00–17:00; Sat 10:00–14:00".
export function summarize(intervals = []) {
  const perDay = WEEKDAYS.map((_, weekday) =>
    intervals
      .filter((interval) => interval.weekday === weekday)
      .sort((a, b) => (a.start < b.start ? -1 : 1))
      .map((interval) => `${interval.start}–${interval.end}`)
      .join(', '),
  )
  const groups = []
  perDay.forEach((text, weekday) => {
    const last = groups[groups.length - 1]
    if (last && last.text === text && last.to === weekday - 1) last.to = weekday
    else groups.push({ from: weekday, to: weekday, text })
  })
  const parts = groups
    .filter((group) => group.text)
    .map((group) => {
      const days =
        group.from === group.to
          ? SHORT_WEEKDAYS[group.from]
          : `${SHORT_WEEKDAYS[group.from]}–${SHORT_WEEKDAYS[group.to]}`
      return `${days} ${group.text}`
    })
  return parts.join('; ') || 'No working time'
}
