// IANA time zones for the calendar form, and wall-clock time in a calendar's zone.

// Browsers without Intl.supportedValuesOf get a short list of common zones.
const FALLBACK = [
  'Africa/Cairo', 'Africa/Johannesburg', 'Africa/Lagos', 'Africa/Nairobi', 'America/Anchorage',
  'America/Bogota', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Mexico_City',
  'America/New_York', 'America/Sao_Paulo', 'America/Toronto', 'Asia/Dubai', 'Asia/Hong_Kong',
  'Asia/Jakarta', 'Asia/Kolkata', 'Asia/Manila', 'Asia/Seoul', 'Asia/Shanghai', 'Asia/Singapore',
  'Asia/Tokyo', 'Australia/Sydney', 'Europe/Berlin', 'Europe/Istanbul', 'Europe/London',
  'Europe/Madrid', 'Europe/Moscow', 'Europe/Paris', 'Pacific/Auckland',
]

// Sorted, UTC first (Intl's list leaves UTC out), always including `current` (the server
// accepts aliases such as "US/Eastern" that Intl does not list).
export function timeZoneOptions(current) {
  let zones = []
  try {
    zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  } catch {
    zones = []
  }
  const all = new Set(zones.length ? zones : FALLBACK)
  if (current) all.add(current)
  all.delete('UTC')
  return ['UTC', ...[...all].sort()]
}

export function browserTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

// Intl knows the zone? (Otherwise show and interpret times in UTC.)
function usable(timeZone) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0)
    return timeZone
  } catch {
    return 'UTC'
  }
}

function wallParts(date, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: usable(timeZone),
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date)
  return Object.fromEntries(parts.map((part) => [part.type, Number(part.value)]))
}

// Milliseconds the zone is ahead of UTC at `date`.
function offset(date, timeZone) {
  const p = wallParts(date, timeZone)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second)
  return asUtc - Math.floor(date.getTime() / 1000) * 1000
}

// "2026-11-27T16:00" read as a wall clock in `timeZone` → a Date (null if not a date-time).
export function zonedToDate(local, timeZone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local || '')
  if (!match) return null
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]))
  // Two rounds settle the offset, also next to a daylight-saving change.
  let guess = wall - offset(new Date(wall), timeZone)
  guess = wall - offset(new Date(guess), timeZone)
  return Number.isNaN(guess) ? null : new Date(guess)
}

// A Date → "YYYY-MM-DDTHH:MM" on the wall clock of `timeZone` (for a datetime-local input).
export function dateToZoned(date, timeZone) {
  const p = wallParts(date, timeZone)
  const two = (n) => String(n).padStart(2, '0')
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour % 24)}:${two(p.minute)}`
}

export function formatInZone(iso, timeZone) {
  const date = new Date(iso)
  if (!iso || Number.isNaN(date.getTime())) return ''
  return date.toLocaleString(undefined, {
    timeZone: usable(timeZone),
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
}
